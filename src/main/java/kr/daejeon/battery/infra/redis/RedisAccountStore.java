package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.staff.AccountChange;
import kr.daejeon.battery.staff.AccountStore;
import kr.daejeon.battery.staff.StaffAccount;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.session.JsonCodec;

/**
 * Staff accounts in Redis, shared by every node: the hash {@code P:{staff}:accounts} (username to the
 * account as JSON) and the audit list {@code P:{staff}:accountlog} (newest first), written together
 * by one script so no change goes unrecorded.
 */
public final class RedisAccountStore implements AccountStore {

    private static final int LOG_LIMIT = 1000;
    private static final RedisScript REPLACE = RedisScript.template("account-replace.lua", LOG_LIMIT - 1);
    private static final RedisScript SEED = RedisScript.of("account-seed.lua");

    private final RedisClient redis;
    private final String accounts;
    private final String log;

    public RedisAccountStore(RedisClient redis) {
        this.redis = redis;
        this.accounts = redis.prefix() + ":{staff}:accounts";
        this.log = redis.prefix() + ":{staff}:accountlog";
    }

    @Override
    public List<StaffAccount> all() {
        List<StaffAccount> out = new ArrayList<>();
        for (String json : redis.call(accounts, j -> j.hvals(accounts))) {
            out.add(JsonCodec.read(json, StaffAccount.class));
        }
        return out;
    }

    @Override
    public Optional<StaffAccount> find(String username) {
        return Optional.ofNullable(redis.call(accounts, j -> j.hget(accounts, username))).map(j -> JsonCodec.read(j, StaffAccount.class));
    }

    @Override
    public int seedIfEmpty(List<StaffAccount> seed, AccountChange audit) {
        if (seed.isEmpty()) {
            return 0;
        }
        List<String> args = new ArrayList<>(List.of(JsonCodec.write(audit)));
        for (StaffAccount a : seed) {
            args.add(a.username());
            args.add(JsonCodec.write(a));
        }
        return redis.call(accounts, j -> ((Long) SEED.eval(j, List.of(accounts, log), args)).intValue());
    }

    @Override
    public boolean replace(StaffAccount expected, StaffAccount next, AccountChange audit) {
        // The stored JSON is compared as text: written by this class from the same record, it is stable.
        String old = expected == null ? "" : JsonCodec.write(expected);
        return redis.call(accounts, j -> (Long) REPLACE.eval(j, List.of(accounts, log),
                List.of(next.username(), old, JsonCodec.write(next), JsonCodec.write(audit)))) == 1L;
    }

    @Override
    public List<AccountChange> log(int limit) {
        List<AccountChange> out = new ArrayList<>();
        for (String json : redis.call(accounts, j -> j.lrange(log, 0, Math.max(0, limit - 1)))) {
            out.add(JsonCodec.read(json, AccountChange.class));
        }
        return out;
    }
}
