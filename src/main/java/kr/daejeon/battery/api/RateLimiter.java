package kr.daejeon.battery.api;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (client IP, conversation): {@code perMinute} requests a minute with
 * bursts up to the same number. In-process; idle buckets are dropped by {@link #sweep()}.
 */
public final class RateLimiter {

    private final double capacity;
    private final double refillPerNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int perMinute) {
        this.capacity = perMinute;
        this.refillPerNano = perMinute / 60e9;
    }

    private static final class Bucket {
        double tokens;
        long updated;
    }

    /** Returns 0 when allowed, otherwise the seconds to wait before retrying. */
    public int acquire(String key) {
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
            return (int) Math.max(1, Math.ceil((1 - b.tokens) / refillPerNano / 1e9));
        }
    }

    /** Forgets buckets that have refilled completely: they hold no information. */
    public void sweep() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().tokens + (now - e.getValue().updated) * refillPerNano >= capacity;
            }
        });
    }
}
