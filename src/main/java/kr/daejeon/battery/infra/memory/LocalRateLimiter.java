package kr.daejeon.battery.infra.memory;

import kr.daejeon.battery.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;

/** In-process token buckets, for a single node without Redis; idle buckets are dropped every minute. */
public final class LocalRateLimiter implements RateLimiter {

    private final double capacity;
    private final double refillPerNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final Runnable refused;

    LocalRateLimiter(int perMinute, Runnable refused) {
        this.refused = refused;
        this.capacity = perMinute;
        this.refillPerNano = perMinute / 60e9;
    }

    public static LocalRateLimiter create(Vertx vertx, int perMinute, Runnable refused) {
        LocalRateLimiter limiter = new LocalRateLimiter(perMinute, refused);
        vertx.setPeriodic(60_000, t -> limiter.sweep());
        return limiter;
    }

    private static final class Bucket {
        double tokens;
        long updated;
    }

    @Override
    public Future<Integer> acquire(String key) {
        return Future.succeededFuture(take(key));
    }

    @Override
    public int take(String key) {
        long now = System.nanoTime();
        Bucket b = buckets.computeIfAbsent(key, k -> {
            Bucket nb = new Bucket();
            nb.tokens = capacity;
            nb.updated = now;
            return nb;
        });
        synchronized (b) {
            b.tokens = Math.min(capacity, b.tokens + (now - b.updated) * refillPerNano);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return 0;
            }
            refused.run();
            return (int) Math.max(1, Math.ceil((1 - b.tokens) / refillPerNano / 1e9));
        }
    }

    /** Forgets buckets that have refilled completely: they hold no information. */
    void sweep() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().updated) * refillPerNano >= capacity;
            }
        });
    }
}
