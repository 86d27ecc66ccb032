package kr.daejeon.battery.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import kr.daejeon.battery.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store of login attempts does with {@link LoginLockout}; run against memory and a real Redis.
 * A try refused during a hold never reaches the password check: the lockout answers "wait" for it.
 */
abstract class LoginAttemptsContract {

    /** Back-off from the 2nd failure (1 s, 2 s …), locked for 10 minutes from the 4th. */
    static final LoginLockout.Policy POLICY = new LoginLockout.Policy(2, 4, Duration.ofSeconds(60), Duration.ofMinutes(10));

    protected abstract LoginAttempts newAttempts();

    private MutableClock clock;
    private LoginLockout lockout;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2027-03-02T00:00:00Z"));
        lockout = new LoginLockout(newAttempts(), POLICY, clock);
    }

    @Test
    void everyTryDuringABackOffIsRefusedUntilItEnds() {
        assertTrue(lockout.tryLogin("kim").allowed());
        assertTrue(lockout.tryLogin("kim").allowed(), "the 2nd try is checked and starts the 1 s hold");
        for (int i = 0; i < 3; i++) {
            LoginLockout.Decision held = lockout.tryLogin("kim");
            assertFalse(held.allowed(), "a try during the hold is refused, not checked");
            assertEquals(1, held.retryAfterSeconds());
            clock.advance(Duration.ofMillis(300));
        }
        clock.advance(Duration.ofMillis(100));
        assertTrue(lockout.tryLogin("kim").allowed(), "the hold is over");
        assertEquals(2, lockout.tryLogin("kim").retryAfterSeconds(), "the next hold is twice as long");
    }

    @Test
    void theHoldRunsFromTheWrongPasswordsAnswerNotFromTheCount() {
        assertTrue(lockout.tryLogin("kim").allowed());
        lockout.failed("kim");
        assertTrue(lockout.tryLogin("kim").allowed(), "the 2nd try is counted and checked");
        clock.advance(Duration.ofMillis(900)); // hashing the password
        lockout.failed("kim");
        clock.advance(Duration.ofMillis(200)); // the next try right after the 401
        LoginLockout.Decision held = lockout.tryLogin("kim");
        assertFalse(held.allowed(), "still inside the 1 s hold earned by the wrong password");
        assertEquals(1, held.retryAfterSeconds());
        clock.advance(Duration.ofMillis(800));
        assertTrue(lockout.tryLogin("kim").allowed(), "1 s after the answer");
        lockout.failed("kim");
        assertEquals(3, lockout.status("kim").orElseThrow().failures(), "failed() starts the hold, it counts nothing");
    }

    @Test
    void aLockRefusesEveryTryForItsWholeLength() {
        for (int i = 0; i < 4; i++) {
            clock.advance(Duration.ofSeconds(61)); // past every back-off: only the lock holds
            assertTrue(lockout.tryLogin("kim").allowed());
        }
        for (int i = 0; i < 9; i++) {
            LoginLockout.Decision held = lockout.tryLogin("kim");
            assertFalse(held.allowed(), "minute " + i + " of the lock");
            assertTrue(held.retryAfterSeconds() > 0);
            clock.advance(Duration.ofMinutes(1));
        }
        assertTrue(lockout.status("kim").orElseThrow().locked());
        clock.advance(Duration.ofMinutes(1));
        assertTrue(lockout.tryLogin("kim").allowed(), "the lock is over");
    }

    @Test
    void aRefusedTryIsNotCountedAndSuccessStartsAfresh() {
        lockout.tryLogin("kim");
        lockout.tryLogin("kim");
        assertFalse(lockout.tryLogin("kim").allowed());
        assertEquals(2, lockout.status("kim").orElseThrow().failures(), "the refused try is no failure");
        lockout.succeeded("kim");
        assertTrue(lockout.status("kim").isEmpty());
        assertTrue(lockout.tryLogin("kim").allowed());
        assertTrue(lockout.tryLogin("kim").allowed());
    }
}
