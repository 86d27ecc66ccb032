package kr.daejeon.battery.session;

import kr.daejeon.battery.infra.redis.RedisClient;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Work in Redis that must come before a turn, such as its rate-limit buckets, and that may share the
 * round trip in which a store takes the conversation's lock: on this machine a Redis round trip costs
 * the server more time than the turn's own logic. The check refuses by throwing, from {@link #run} or
 * from its {@link Verdict}; a store that took the lock in the same round trip releases it.
 */
public interface PipelinedCheck {

    /** No check. */
    PipelinedCheck NONE = inProcess(() -> { });

    /** A check that needs no Redis: stores run it on its own, before taking the lock. */
    static PipelinedCheck inProcess(Runnable check) {
        return new PipelinedCheck() {
            @Override
            public RedisClient redis() {
                return null;
            }

            @Override
            public Verdict queue(Pipeline pipeline) {
                throw new IllegalStateException("an in-process check is not pipelined");
            }

            @Override
            public void run() {
                check.run();
            }
        };
    }

    /**
     * The check as Lua that a store can run inside its own script, just before it stores, so that a turn
     * is stored only if the check passes, in the same round trip; null when the check has no such form.
     */
    default Scripted scripted() {
        return null;
    }

    /**
     * A check in Lua: {@link #lua()} is the body of a function of {@code (keys, args)} (Lua tables of
     * strings) that returns a table of numbers, all 0 when the check passes.
     */
    interface Scripted {
        String lua();

        List<String> keys();

        List<String> args();

        /** Told the numbers the Lua returned (also when all are 0); refuses by throwing. */
        void verdict(List<Long> results);
    }

    /** Reads the replies of what was queued, once the pipeline is synced; may use the connection again. */
    interface Verdict {
        void read(Jedis jedis);
    }

    /** The Redis the check's commands go to, or null when it needs none (it is then {@link #run}). */
    RedisClient redis();

    /** Queues the check's commands on a pipeline of a {@link #redis()} connection. */
    Verdict queue(Pipeline pipeline);

    /** The check in a round trip of its own. */
    void run();
}
