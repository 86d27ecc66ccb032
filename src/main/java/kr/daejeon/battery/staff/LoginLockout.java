package kr.daejeon.battery.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import kr.daejeon.battery.conversation.Tokens;

/**
 * Per-account login back-off (issue 20 #7): the per-address limit alone let 20 addresses try 200 passwords for
 * one account in a minute. Counted per username, whatever the address: from the {@code delayAfter}-th failure on,
 * the next try must wait 1 s, 2 s, 4 s … (at most {@code maxDelay}); from the {@code lockAfter}-th the account is
 * locked for {@code lockFor}. A quiet {@code lockFor} forgets the failures; a successful login clears them.
 *
 * <p>Every try is counted <em>before</em> the password is checked and un-counted by success, in one atomic step
 * (see {@link LoginAttempts}; a Lua script in Redis, so every node shares the count): parallel tries cannot all slip in before the first
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
        public long blockedUntil(long failures, long nowMs) {
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

    private final LoginAttempts attempts;
    private final Policy policy;
    private final Clock clock;

    public LoginLockout(LoginAttempts attempts, Policy policy, Clock clock) {
        this.attempts = attempts;
        this.policy = policy;
        this.clock = clock;
    }

    public Policy policy() {
        return policy;
    }

    /** Called before the password is checked: counts the try, or refuses it while the account is held back. */
    public Decision tryLogin(String username) {
        long waitMs = attempts.countTry(key(username), clock.millis(), policy);
        return waitMs <= 0 ? new Decision(true, 0) : refused(waitMs);
    }

    /**
     * The password was wrong: the hold this failure earns starts now, when the answer goes out, not when the try was
     * counted (the hashing in between would use up a 1 s back-off, and the next try would be checked at once).
     */
    public void failed(String username) {
        attempts.holdFrom(key(username), clock.millis(), policy);
    }

    /** The password was right: the account starts afresh. */
    public void succeeded(String username) {
        clear(username);
    }

    /** Admins: lifts a lock or back-off. Returns whether there was anything to clear. */
    public boolean clear(String username) {
        return attempts.clear(key(username));
    }

    /** Admins: the account's failures and block, if any are remembered. */
    public Optional<Status> status(String username) {
        long now = clock.millis();
        LoginAttempts.Counted e = attempts.read(key(username)).orElse(null);
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

    /** A hash of the username, never the typed text (people type passwords into the username field). */
    private static String key(String username) {
        return Tokens.hash(username.strip().toLowerCase(Locale.ROOT));
    }
}
