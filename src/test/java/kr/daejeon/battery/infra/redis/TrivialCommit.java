package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.session.TurnCommit;

/**
 * The load benchmark's "trivial script" row (bench/run.sh, not part of the test suite): a turn's commit sent with
 * exactly the keys and arguments the store's commit script gets, to a script that only counts them. What a turn's
 * commit costs beyond this is the commit script's own work.
 */
public final class TrivialCommit {

    private static final RedisScript TRIVIAL = new RedisScript("return {'ok', #KEYS + #ARGV}");

    private TrivialCommit() {
    }

    public static Object run(RedisClient redis, RedisSessionStore store, TurnCommit commit) {
        RedisSessionStore.CommitCall call = store.commitCall(commit);
        return redis.call(call.keys().get(0), j -> TRIVIAL.eval(j, call.keys(), call.args()));
    }
}
