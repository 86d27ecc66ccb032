package kr.daejeon.battery.ratelimit;

import io.vertx.core.Future;
import kr.daejeon.battery.session.TurnCommit;

/**
 * Token buckets per key (client IP, conversation, login address): {@code perMinute} requests a
 * minute with bursts up to the same number. With Redis the buckets are shared by every node;
 * without, they live in this process. Built by the backend (see {@code infra.Backend}).
 */
public interface RateLimiter {

    /** Completes with 0 when the request may proceed, otherwise with the seconds to wait before retrying. */
    Future<Integer> acquire(String key);

    /** The same, blocking (it may call Redis): for work that already runs on a worker thread. */
    int take(String key);

    /**
     * This limit as a charge a turn's commit takes from its conversation's bucket, in the same atomic step as the
     * turn (see {@link TurnCommit#charges()}): the same bucket as {@link #take} with the conversation's id.
     */
    TurnCommit.Charge asCharge();
}
