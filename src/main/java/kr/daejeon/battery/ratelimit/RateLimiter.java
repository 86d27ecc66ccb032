package kr.daejeon.battery.ratelimit;

import kr.daejeon.battery.infra.memory.LocalRateLimiter;
import kr.daejeon.battery.infra.redis.RedisRateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.function.Consumer;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.session.PipelinedCheck;
import kr.daejeon.battery.infra.redis.RedisClient;

/**
 * Token buckets per key (client IP, conversation, login address): {@code perMinute} requests a
 * minute with bursts up to the same number. With Redis the buckets are shared by every node;
 * without, they live in this process.
 */
public interface RateLimiter {

    /** Completes with 0 when the request may proceed, otherwise with the seconds to wait before retrying. */
    Future<Integer> acquire(String key);

    /** The same, blocking (it may call Redis): for work that already runs on a worker thread. */
    int take(String key);

    /**
     * Two checks at once (client address and conversation of a turn): one Redis round trip when both
     * limiters live in the same Redis. Returns the wait of each, 0 when it passes.
     */
    static int[] takeBoth(RateLimiter a, String keyA, RateLimiter b, String keyB) {
        if (a instanceof RedisRateLimiter ra && b instanceof RedisRateLimiter rb && ra.sharesRedisWith(rb)) {
            return RedisRateLimiter.takeAll(List.of(ra, rb), List.of(keyA, keyB));
        }
        return new int[] {a.take(keyA), b.take(keyB)};
    }

    /**
     * The same two checks, for a store to run in the round trip that takes a conversation's lock when
     * both limiters live in its Redis. {@code verdict} gets the wait of each (0 = passes) and refuses by
     * throwing.
     */
    static PipelinedCheck bothBefore(RateLimiter a, String keyA, RateLimiter b, String keyB, Consumer<int[]> verdict) {
        if (a instanceof RedisRateLimiter ra && b instanceof RedisRateLimiter rb && ra.sharesRedisWith(rb)) {
            return RedisRateLimiter.pipelined(List.of(ra, rb), List.of(keyA, keyB), verdict);
        }
        return PipelinedCheck.inProcess(() -> verdict.accept(takeBoth(a, keyA, b, keyB)));
    }

    /**
     * A limiter for one {@code scope} ({@code ip}, {@code conversation}, {@code login}); shared through
     * {@code redis} when it is not null. Refusals are counted in {@code metrics}.
     */
    static RateLimiter create(Vertx vertx, RedisClient redis, String scope, int perMinute, ServiceMetrics metrics) {
        Runnable refused = () -> metrics.rateLimited(scope);
        return redis == null ? LocalRateLimiter.create(vertx, perMinute, refused)
                : new RedisRateLimiter(vertx, redis, scope, perMinute, refused);
    }
}
