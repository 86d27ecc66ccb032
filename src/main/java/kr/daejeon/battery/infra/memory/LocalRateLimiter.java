package kr.daejeon.battery.infra.memory;

import kr.daejeon.battery.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentHashMap;
import kr.daejeon.battery.session.TurnCommit;

/** In-process token buckets, for a single node without Redis; idle buckets are dropped every minute. */
public final class LocalRateLimiter implements RateLimiter {

    private final double capacity;
    private final double refillPerNano;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    private final Runnable refused;
    private final String scope;
    private final int perMinute;

    public LocalRateLimiter(int perMinute, Runnable refused) {
        this("local", perMinute, refused);
    }

    public LocalRateLimiter(String scope, int perMinute, Runnable refused) {
        this.scope = scope;
        this.perMinute = perMinute;
        this.refused = refused;
        this.capacity = perMinute;
        this.refillPerNano = perMinute / 60e9;
    }

    public static LocalRateLimiter create(Vertx vertx, String scope, int perMinute, Runnable refused) {
        LocalRateLimiter limiter = new LocalRateLimiter(scope, perMinute, refused);
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

    @Override
    public TurnCommit.Charge asCharge() {
        return new TurnCommit.Charge(scope, perMinute);
    }

    /** The seconds {@link #take} would make the request wait, without taking a token. */
    public int peek(String key) {
        Bucket b = buckets.get(key);
        if (b == null) {
            return 0;
        }
        synchronized (b) {
            double tokens = Math.min(capacity, b.tokens + (System.nanoTime() - b.updated) * refillPerNano);
            return tokens >= 1 ? 0 : (int) Math.max(1, Math.ceil((1 - tokens) / refillPerNano / 1e9));
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
