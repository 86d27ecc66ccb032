package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.ratelimit.RateLimiter;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import kr.daejeon.battery.session.PipelinedCheck;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisScript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Token buckets in Redis, so every node behind the load balancer counts against the same limit.
 * One script call per request; Redis's own clock, so nodes with skewed clocks agree. When Redis
 * cannot answer, requests are let through: the limit protects the service, it must not become
 * the reason it is down (the store's own errors still answer 503).
 */
public final class RedisRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(RedisRateLimiter.class);
    /**
     * Lua: {@code take(key, capacity, refill per millisecond, now in ms)} takes a token from a bucket and
     * returns the seconds to wait, 0 when allowed; {@code redis_now()} is Redis's clock in milliseconds.
     */
    private static final String TAKE_FUNCTION = """
            local function redis_now()
              local t = redis.call('TIME')
              return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            end
            local function take(key, cap, rate, now)
              local b = redis.call('HMGET', key, 'tokens', 'at')
              local tokens = tonumber(b[1]) or cap
              local at = tonumber(b[2]) or now
              tokens = math.min(cap, tokens + math.max(0, now - at) * rate)
              local wait = 0
              if tokens >= 1 then
                tokens = tokens - 1
              else
                wait = math.max(1, math.ceil((1 - tokens) / rate / 1000))
              end
              redis.call('HSET', key, 'tokens', tostring(tokens), 'at', tostring(now))
              redis.call('PEXPIRE', key, math.ceil(cap / rate) + 1000)
              return wait
            end
            """;
    // KEYS[1] bucket; ARGV[1] capacity, ARGV[2] refill per millisecond. Returns the seconds to wait, 0 when allowed.
    private static final RedisScript SCRIPT = new RedisScript(TAKE_FUNCTION
            + "return take(KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), redis_now())\n");
    /** The buckets of several limiters as a {@link PipelinedCheck.Scripted} body: args are capacity, rate pairs. */
    private static final String TAKE_ALL = TAKE_FUNCTION + """
            local now = redis_now()
            local waits = {}
            for i = 1, #keys do
              waits[i] = take(keys[i], tonumber(args[2 * i - 1]), tonumber(args[2 * i]), now)
            end
            return waits
            """;

    private final Vertx vertx;
    private final RedisClient redis;
    private final String keyPrefix;
    private final List<String> args;

    private final Runnable refused;

    public RedisRateLimiter(Vertx vertx, RedisClient redis, String scope, int perMinute, Runnable refused) {
        this.refused = refused;
        this.vertx = vertx;
        this.redis = redis;
        this.keyPrefix = redis.prefix() + ":rl:" + scope + ":";
        this.args = List.of(String.valueOf(perMinute), String.valueOf(perMinute / 60_000.0));
    }

    @Override
    public Future<Integer> acquire(String key) {
        return vertx.executeBlocking(() -> take(key), false);
    }

    /**
     * The checks of several limiters sharing one Redis client, in one round trip (a pipeline of
     * single-key scripts, so it also works across Redis Cluster slots). Fails open.
     */
    public static int[] takeAll(List<RedisRateLimiter> limiters, List<String> keys) {
        Buckets buckets = new Buckets(limiters, keys);
        try {
            return buckets.waits(limiters.get(0).redis.call(j -> SCRIPT.evalAll(j, buckets.keys, buckets.args)));
        } catch (RuntimeException e) {
            return buckets.failOpen(e);
        }
    }

    /** The same checks, queued on a pipeline that also does other work (see {@link PipelinedCheck}). */
    public static PipelinedCheck pipelined(List<RedisRateLimiter> limiters, List<String> keys, Consumer<int[]> verdict) {
        Buckets buckets = new Buckets(limiters, keys);
        return new PipelinedCheck() {
            @Override
            public RedisClient redis() {
                return limiters.get(0).redis;
            }

            @Override
            public Verdict queue(Pipeline pipeline) {
                List<Response<Object>> queued = new ArrayList<>(keys.size());
                for (int i = 0; i < keys.size(); i++) {
                    queued.add(SCRIPT.queue(pipeline, buckets.keys.get(i), buckets.args.get(i)));
                }
                return jedis -> {
                    int[] waits;
                    try {
                        List<Object> replies = new ArrayList<>(queued.size());
                        for (int i = 0; i < queued.size(); i++) {
                            replies.add(SCRIPT.reply(jedis, queued.get(i), buckets.keys.get(i), buckets.args.get(i)));
                        }
                        waits = buckets.waits(replies);
                    } catch (RuntimeException e) {
                        waits = buckets.failOpen(e);
                    }
                    verdict.accept(waits);
                };
            }

            @Override
            public void run() {
                verdict.accept(takeAll(limiters, keys));
            }

            @Override
            public Scripted scripted() {
                List<String> bucketKeys = new ArrayList<>();
                List<String> bucketArgs = new ArrayList<>();
                for (int i = 0; i < limiters.size(); i++) {
                    bucketKeys.addAll(buckets.keys.get(i));
                    bucketArgs.addAll(buckets.args.get(i));
                }
                return new Scripted() {
                    @Override
                    public String lua() {
                        return TAKE_ALL;
                    }

                    @Override
                    public List<String> keys() {
                        return bucketKeys;
                    }

                    @Override
                    public List<String> args() {
                        return bucketArgs;
                    }

                    @Override
                    public void verdict(List<Long> results) {
                        verdict.accept(buckets.waits(new ArrayList<Object>(results)));
                    }
                };
            }
        };
    }

    /** The bucket keys and script arguments of one check of several limiters, and how to read the replies. */
    private static final class Buckets {
        final List<RedisRateLimiter> limiters;
        final List<List<String>> keys = new ArrayList<>();
        final List<List<String>> args = new ArrayList<>();

        Buckets(List<RedisRateLimiter> limiters, List<String> keys) {
            this.limiters = limiters;
            for (int i = 0; i < limiters.size(); i++) {
                this.keys.add(List.of(limiters.get(i).keyPrefix + keys.get(i)));
                this.args.add(limiters.get(i).args);
            }
        }

        int[] waits(List<Object> replies) {
            int[] waits = new int[limiters.size()];
            for (int i = 0; i < waits.length; i++) {
                waits[i] = ((Long) replies.get(i)).intValue();
                if (waits[i] > 0) {
                    limiters.get(i).refused.run();
                }
            }
            return waits;
        }

        int[] failOpen(RuntimeException e) {
            LOG.debug("rate limit not checked (Redis): {}", e.getMessage());
            return new int[limiters.size()];
        }
    }

    public boolean sharesRedisWith(RedisRateLimiter other) {
        return redis == other.redis;
    }

    @Override
    public int take(String key) {
        return takeAll(List.of(this), List.of(key))[0];
    }
}
