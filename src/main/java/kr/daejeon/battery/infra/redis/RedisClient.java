package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.session.StoreUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one Jedis pool of a server process, shared by the stores that live in Redis. Every call has
 * the configured timeout, and any Redis failure surfaces as {@link StoreUnavailableException}.
 */
public final class RedisClient implements AutoCloseable {

    private final JedisPool pool;
    private final String prefix;
    private final Duration timeout;

    private final Runnable onFailure;

    public RedisClient(String redisUrl, String prefix, int poolSize, Duration timeout) {
        this(redisUrl, prefix, poolSize, timeout, () -> { });
    }

    /** @param onFailure told of every failed call (for the error count in the metrics) */
    public RedisClient(String redisUrl, String prefix, int poolSize, Duration timeout, Runnable onFailure) {
        this.onFailure = onFailure;
        GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(poolSize);
        config.setMaxIdle(poolSize);
        config.setMinIdle(Math.min(2, poolSize));
        config.setMaxWait(timeout);
        config.setTestWhileIdle(true);
        config.setJmxEnabled(false);
        int millis = (int) timeout.toMillis();
        this.pool = new JedisPool(config, URI.create(redisUrl), millis, millis);
        this.prefix = prefix;
        this.timeout = timeout;
    }

    /** The timeout of every call. */
    public Duration timeout() {
        return timeout;
    }

    /** The configured key prefix, e.g. {@code ia}. */
    public String prefix() {
        return prefix;
    }

    public <T> T call(Function<Jedis, T> command) {
        try (Jedis j = pool.getResource()) {
            return command.apply(j);
        } catch (JedisException e) {
            onFailure.run();
            throw new StoreUnavailableException("Redis unavailable: " + e.getMessage(), e);
        }
    }

    public boolean ping() {
        try {
            return "PONG".equals(call(Jedis::ping));
        } catch (StoreUnavailableException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
