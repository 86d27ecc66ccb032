package kr.daejeon.battery.infra.redis;

import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.staff.LoginAttempts;
import kr.daejeon.battery.staff.LoginLockout;

/**
 * Login counts in Redis, shared by every node: a hash {@code P:loginfail:{hash}} with {@code failures} and
 * {@code until}, expiring a quiet {@code lockFor} after the last try. A try is one Lua script, so parallel tries on
 * several nodes cannot all slip in before the first failure is counted.
 */
public final class RedisLoginAttempts implements LoginAttempts {

    /** Counts a try as a failure unless the account is blocked (see the script's header for keys and arguments). */
    private static final RedisScript TRY = RedisScript.of("login-try.lua");

    /** After a wrong password: the block for the failures so far runs from now, unless a later one is set. */
    private static final RedisScript HOLD = RedisScript.of("login-hold.lua");

    private final RedisClient redis;

    public RedisLoginAttempts(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public long countTry(String accountHash, long now, LoginLockout.Policy policy) {
        String key = key(accountHash);
        List<?> reply = (List<?>) redis.call(key, j -> TRY.eval(j, List.of(key), args(now, policy)));
        return ((Long) reply.get(0)) == 1L ? 0 : (Long) reply.get(1);
    }

    @Override
    public void holdFrom(String accountHash, long now, LoginLockout.Policy policy) {
        String key = key(accountHash);
        redis.call(key, j -> HOLD.eval(j, List.of(key), args(now, policy)));
    }

    private static List<String> args(long now, LoginLockout.Policy policy) {
        return List.of(Long.toString(now), Integer.toString(policy.delayAfter()), Integer.toString(policy.lockAfter()),
                Long.toString(policy.maxDelay().toMillis()), Long.toString(policy.lockFor().toMillis()));
    }

    @Override
    public boolean clear(String accountHash) {
        String key = key(accountHash);
        return redis.call(key, j -> j.del(key)) > 0;
    }

    @Override
    public Optional<Counted> read(String accountHash) {
        String key = key(accountHash);
        List<String> v = redis.call(key, j -> j.hmget(key, "failures", "until"));
        return v.get(0) == null ? Optional.empty() : Optional.of(new Counted(Integer.parseInt(v.get(0)),
                v.get(1) == null ? 0 : Long.parseLong(v.get(1)), Long.MAX_VALUE));
    }

    private String key(String accountHash) {
        return redis.prefix() + ":loginfail:" + accountHash;
    }
}
