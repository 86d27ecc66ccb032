package kr.daejeon.battery.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Stops calling a platform that keeps failing, so a dead messenger API costs one quick dead letter
 * per message instead of four timed-out attempts each, and gets time to recover.
 *
 * <p>Closed: calls go through; {@code threshold} failures in a row open it. Open: calls are refused
 * until {@code openFor} has passed. Then half-open: one trial call goes through (others are still
 * refused); its success closes the breaker, its failure opens it again for another {@code openFor}.
 * Rejections by the platform (4xx) are answers, not failures: only errors, timeouts and 5xx count.
 * Thread-safe.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration openFor;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt = Instant.MIN;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration openFor, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.openFor = openFor;
        this.clock = clock;
    }

    /** True when a call may go out now (and, half-open, it is the trial call). */
    public synchronized boolean allow() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            state = State.HALF_OPEN;
            trialInFlight = false;
        }
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> false;
            case HALF_OPEN -> {
                if (trialInFlight) {
                    yield false;
                }
                trialInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void success() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    public synchronized void failure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
            trialInFlight = false;
        }
    }

    public synchronized State state() {
        // Report half-open once the wait is over, even before the next call asks.
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(openFor))) {
            return State.HALF_OPEN;
        }
        return state;
    }
}
