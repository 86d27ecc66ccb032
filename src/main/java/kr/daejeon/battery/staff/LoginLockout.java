package kr.daejeon.battery.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisScript;

/**
 * Per-account login back-off (issue 20 #7): the per-address limit alone let 20 addresses try 200 passwords for
 * one account in a minute. Counted per username, whatever the address: from the {@code delayAfter}-th failure on,
 * the next try must wait 1 s, 2 s, 4 s … (at most {@code maxDelay}); from the {@code lockAfter}-th the account is
 * locked for {@code lockFor}. A quiet {@code lockFor} forgets the failures; a successful login clears them.
 *
 * <p>Every try is counted <em>before</em> the password is checked and un-counted by success, in one atomic step
 * (a Lua script in Redis, so every node shares the count): parallel tries cannot all slip in before the first
 * failure is recorded. Unknown usernames are counted the same way, so the answer never tells whether an account
 * exists. Keys hold a hash of the username, never the typed text (people type passwords into the username field).
 * Blocking in Redis: call off the event loop.
 */
public final class LoginLockout {

    /** The policy; {@link #DEFAULT} is 5 failures → back-off, 10 → 15 minutes locked. */
    public record Policy(int delayAfter, int lockAfter, Duration maxDelay, Duration lockFor) {

        public static final Policy DEFAULT = new Policy(5, 10, Duration.ofSeconds(60), Duration.ofMinutes(15));

        public Policy {
            if (delayAfter < 1 || lockAfter < delayAfter) {
                throw new IllegalArgumentException("need 1 <= delayAfter <= lockAfter");
            }
        }

        /** When the try after the {@code failures}-th may come (epoch ms), or 0 when at once. */
        long blockedUntil(long failures, long nowMs) {
            if (failures >= lockAfter) {
                return nowMs + lockFor.toMillis();
            }
            if (failures >= delayAfter) {
                long delay = 1000L << Math.min(30, failures - delayAfter);
                return nowMs + Math.min(delay, maxDelay.toMillis());
            }
            return 0;
        }
    }

    /** The answer to a try: go ahead, or wait {@code retryAfterSeconds}. */
    public record Decision(boolean allowed, int retryAfterSeconds) {
    }

    /** What admins see about one account. */
    public record Status(String username, int failures, Instant blockedUntil, boolean locked) {
    }

    private record Entry(int failures, long blockedUntilMs, long forgetAtMs) {
    }

    /** A bound for memory mode, so a flood of invented usernames cannot grow the map without end. */
    static final int MEMORY_ENTRIES = 50_000;

    private final RedisClient redis;
    private final Policy policy;
    private final Clock clock;
    private final ConcurrentHashMap<String, Entry> memory = new ConcurrentHashMap<>();

    public LoginLockout(RedisClient redisOrNull, Policy policy, Clock clock) {
        this.redis = redisOrNull;
        this.policy = policy;
        this.clock = clock;
    }

    public Policy policy() {
        return policy;
    }

    /**
     * KEYS: the account's key. ARGV: now (ms), delayAfter, lockAfter, maxDelay (ms), lockFor (ms).
     * Refuses while blocked ({0, wait ms}); otherwise counts the try as a failure and allows it ({1, 0}).
     */
    private static final RedisScript TRY = new RedisScript("""
            local now = tonumber(ARGV[1])
            local blocked = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
            if blocked > now then return {0, blocked - now} end
            local n = redis.call('HINCRBY', KEYS[1], 'failures', 1)
            local untilMs = 0
            if n >= tonumber(ARGV[3]) then untilMs = now + tonumber(ARGV[5])
            elseif n >= tonumber(ARGV[2]) then untilMs = now + math.min(1000 * 2 ^ math.min(30, n - tonumber(ARGV[2])), tonumber(ARGV[4])) end
            redis.call('HSET', KEYS[1], 'until', string.format('%d', untilMs))
            redis.call('PEXPIRE', KEYS[1], math.max(tonumber(ARGV[5]), untilMs - now))
            return {1, 0}
            """);

    /** Called before the password is checked: counts the try, or refuses it while the account is held back. */
    public Decision tryLogin(String username) {
        long now = clock.millis();
        String key = key(username);
        if (redis == null) {
            Decision[] out = new Decision[1];
            if (memory.size() >= MEMORY_ENTRIES) {
                memory.values().removeIf(e -> e.forgetAtMs() <= now);
            }
            memory.compute(key, (k, e) -> {
                Entry current = e == null || e.forgetAtMs() <= now ? new Entry(0, 0, 0) : e;
                if (current.blockedUntilMs() > now) {
                    out[0] = refused(current.blockedUntilMs() - now);
                    return current;
                }
                int failures = current.failures() + 1;
                long until = policy.blockedUntil(failures, now);
                out[0] = new Decision(true, 0);
                return new Entry(failures, until, now + Math.max(policy.lockFor().toMillis(), until - now));
            });
            return out[0];
        }
        Object r = redis.call(j -> TRY.eval(j, List.of(key), List.of(Long.toString(now), Integer.toString(policy.delayAfter()),
                Integer.toString(policy.lockAfter()), Long.toString(policy.maxDelay().toMillis()),
                Long.toString(policy.lockFor().toMillis()))));
        List<?> reply = (List<?>) r;
        return ((Long) reply.get(0)) == 1L ? new Decision(true, 0) : refused((Long) reply.get(1));
    }

    /** The password was right: the account starts afresh. */
    public void succeeded(String username) {
        clear(username);
    }

    /** Admins: lifts a lock or back-off. Returns whether there was anything to clear. */
    public boolean clear(String username) {
        String key = key(username);
        if (redis == null) {
            return memory.remove(key) != null;
        }
        return redis.call(j -> j.del(key)) > 0;
    }

    /** Admins: the account's failures and block, if any are remembered. */
    public Optional<Status> status(String username) {
        long now = clock.millis();
        String key = key(username);
        Entry e;
        if (redis == null) {
            e = memory.get(key);
        } else {
            List<String> v = redis.call(j -> j.hmget(key, "failures", "until"));
            e = v.get(0) == null ? null : new Entry(Integer.parseInt(v.get(0)), v.get(1) == null ? 0 : Long.parseLong(v.get(1)),
                    Long.MAX_VALUE);
        }
        if (e == null || e.forgetAtMs() <= now || e.failures() == 0) {
            return Optional.empty();
        }
        boolean blocked = e.blockedUntilMs() > now;
        return Optional.of(new Status(username, e.failures(), blocked ? Instant.ofEpochMilli(e.blockedUntilMs()) : null,
                blocked && e.failures() >= policy.lockAfter()));
    }

    private static Decision refused(long waitMs) {
        return new Decision(false, (int) Math.max(1, (waitMs + 999) / 1000));
    }

    private String key(String username) {
        String normal = username.strip().toLowerCase(Locale.ROOT);
        return (redis == null ? "" : redis.prefix()) + ":loginfail:" + Tokens.hash(normal);
    }
}
