package kr.daejeon.battery.infra.redis;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import kr.daejeon.battery.ratelimit.RateLimiter;
import kr.daejeon.battery.session.TurnCommit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets in Redis, so every node behind the load balancer counts against the same limit.
 * One script call per request; Redis's own clock, so nodes with skewed clocks agree. When Redis
 * cannot answer, requests are let through: the limit protects the service, it must not become
 * the reason it is down (the store's own errors still answer 503). A bucket's key is hash-tagged by
 * what it counts ({@code P:rl:conversation:{id}}), so a conversation's bucket shares the conversation's
 * Redis Cluster slot and its turn's commit can take from it (see {@link RedisSessionStore}).
 */
public final class RedisRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    private static final RedisScript TAKE = RedisScript.of("buckets.lua", "take.lua");

    private final Vertx vertx;
    private final RedisClient redis;
    private final String scope;
    private final int perMinute;
    private final List<String> args;
    private final Runnable refused;

    public RedisRateLimiter(Vertx vertx, RedisClient redis, String scope, int perMinute, Runnable refused) {
        this.refused = refused;
        this.vertx = vertx;
        this.redis = redis;
        this.scope = scope;
        this.perMinute = perMinute;
        this.args = arguments(perMinute);
    }

    /** The key of the bucket of {@code scope} for {@code key}, in {@code key}'s slot. */
    static String bucketKey(String prefix, String scope, String key) {
        return prefix + ":rl:" + scope + ":{" + key + "}";
    }

    /** The script arguments of a bucket refilling {@code perMinute} a minute: capacity and refill per ms. */
    static List<String> arguments(int perMinute) {
        return List.of(String.valueOf(perMinute), String.valueOf(perMinute / 60_000.0));
    }

    @Override
    public Future<Integer> acquire(String key) {
        return vertx.executeBlocking(() -> take(key), false);
    }

    @Override
    public int take(String key) {
        List<String> keys = List.of(bucketKey(redis.prefix(), scope, key));
        int wait;
        try {
            wait = ((Long) redis.call(keys.get(0), j -> TAKE.eval(j, keys, args))).intValue();
        } catch (RuntimeException e) {
            LOG.debug("rate limit not checked (Redis): {}", e.getMessage());
            return 0;
        }
        if (wait > 0) {
            refused.run();
        }
        return wait;
    }

    @Override
    public TurnCommit.Charge asCharge() {
        return new TurnCommit.Charge(scope, perMinute);
    }
}
