package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.session.ReplicaAckTimeoutException;
import kr.daejeon.battery.session.StoreUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import kr.daejeon.battery.config.RedisSettings;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.Pool;

/**
 * The one Jedis pool of a server process, shared by the stores that live in Redis. Every call has
 * the configured timeout, and any Redis failure surfaces as {@link StoreUnavailableException}.
 *
 * <p>With Sentinel the pool is Jedis's {@link JedisSentinelPool}: it asks the sentinels for the master and listens
 * for {@code +switch-master}, so after a failover new connections go to the new master (calls in flight on the old
 * one fail with {@code READONLY} or a closed connection: 503, and the client retries with its idempotency key).
 * {@link #acknowledged} adds {@code WAIT} after a write on the same connection, so a turn is acknowledged only once
 * a replica has it and a failover cannot lose it.
 */
public final class RedisClient implements AutoCloseable {

    private final Pool<Jedis> pool;
    private final String prefix;
    private final Duration timeout;
    private final RedisSettings settings;
    private final JedisClientConfig masterConfig;

    private final Runnable onFailure;
    private final String nodeKey;

    public RedisClient(String redisUrl, String prefix, int poolSize, Duration timeout) {
        this(redisUrl, prefix, poolSize, timeout, () -> { });
    }

    /** @param onFailure told of every failed call (for the error count in the metrics) */
    public RedisClient(String redisUrl, String prefix, int poolSize, Duration timeout, Runnable onFailure) {
        this(RedisSettings.single(redisUrl, prefix, poolSize, timeout), onFailure);
    }

    /** One Redis or Sentinel, as configured; {@code onFailure} is told of every failed call. */
    public RedisClient(RedisSettings settings, Runnable onFailure) {
        this.settings = settings;
        this.onFailure = onFailure;
        Duration timeout = settings.timeout();
        GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(settings.poolSize());
        config.setMaxIdle(settings.poolSize());
        config.setMinIdle(Math.min(2, settings.poolSize()));
        config.setMaxWait(timeout);
        config.setTestWhileIdle(true);
        config.setJmxEnabled(false);
        int millis = (int) timeout.toMillis();
        if (settings.sentinel()) {
            masterConfig = DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis).socketTimeoutMillis(millis)
                    .user(settings.username()).password(settings.password()).ssl(settings.tls()).build();
            JedisClientConfig sentinelConfig = DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis)
                    .socketTimeoutMillis(millis).user(settings.sentinelUsername()).password(settings.sentinelPassword())
                    .ssl(settings.sentinelTls()).build();
            Set<HostAndPort> sentinels = new LinkedHashSet<>();
            settings.sentinels().forEach(s -> sentinels.add(HostAndPort.from(s)));
            try {
                this.pool = new JedisSentinelPool(settings.master(), sentinels, config, masterConfig, sentinelConfig);
            } catch (JedisException e) {
                throw new StoreUnavailableException("no sentinel knows master '" + settings.master() + "': " + e.getMessage(), e);
            }
        } else {
            masterConfig = null;
            this.pool = new JedisPool(config, URI.create(settings.url()), millis, millis);
        }
        this.prefix = settings.prefix();
        this.timeout = timeout;
        this.nodeKey = prefix + ":node:" + java.util.UUID.randomUUID();
    }

    /** The timeout of every call. */
    public Duration timeout() {
        return timeout;
    }

    /** The configured key prefix, e.g. {@code ia}. */
    public String prefix() {
        return prefix;
    }

    public RedisSettings settings() {
        return settings;
    }

    public <T> T call(Function<Jedis, T> command) {
        try (Jedis j = pool.getResource()) {
            try {
                return command.apply(j);
            } catch (JedisDataException e) {
                if (String.valueOf(e.getMessage()).startsWith("READONLY")) {
                    // The server was demoted to a replica (a failover): this connection must not go back to the pool,
                    // or later calls would keep landing on the old master. New ones go where the sentinels say.
                    j.getConnection().setBroken();
                }
                throw e;
            }
        } catch (JedisException e) {
            onFailure.run();
            throw new StoreUnavailableException("Redis unavailable: " + e.getMessage(), e);
        }
    }

    /**
     * A write that must survive a failover before it is acknowledged: the command, then {@code WAIT} for the
     * configured replicas on the same connection (WAIT covers this connection's writes). Without a replica
     * requirement it is {@link #call}.
     *
     * @throws ReplicaAckTimeoutException when fewer replicas confirmed in time (the write is on the master)
     */
    public <T> T acknowledged(Function<Jedis, T> command) {
        return acknowledged(command, result -> true);
    }

    /** As {@link #acknowledged(Function)}, waiting only when {@code wrote} says the result stored something. */
    public <T> T acknowledged(Function<Jedis, T> command, java.util.function.Predicate<T> wrote) {
        int replicas = settings.minReplicasAck();
        if (replicas <= 0) {
            return call(command);
        }
        return call(j -> {
            T result = command.apply(j);
            if (wrote.test(result)) {
                awaitReplicas(j, replicas);
            }
            return result;
        });
    }

    /** Whether acknowledged writes wait for replicas; then nothing may be announced before the wait. */
    public boolean waitsForReplicas() {
        return settings.minReplicasAck() > 0;
    }

    /** A key of this process's own (with a short TTL), for writes that only test or order the stream. */
    public String nodeKey() {
        return nodeKey;
    }

    /**
     * Waits until the replicas have everything written before now, e.g. a turn found stored by a retry (the
     * retry wrote nothing itself, so a small write of this node's own goes first and WAIT covers it and,
     * replication being in order, all before it).
     */
    public void confirmReplicated() {
        int replicas = settings.minReplicasAck();
        if (replicas <= 0) {
            return;
        }
        call(j -> {
            j.psetex(nodeKey, 10_000, "1");
            awaitReplicas(j, replicas);
            return null;
        });
    }

    private void awaitReplicas(Jedis j, int replicas) {
        long acked = j.waitReplicas(replicas, settings.waitTimeout().toMillis());
        if (acked < replicas) {
            onFailure.run();
            throw new ReplicaAckTimeoutException("stored on the Redis master but confirmed by " + acked + " of " + replicas
                    + " replicas within " + settings.waitTimeout().toMillis() + " ms");
        }
    }

    /** Where the master is now: the configured server, or the one the sentinels last named. */
    public HostAndPort currentMaster() {
        if (pool instanceof JedisSentinelPool sentinel) {
            return sentinel.getCurrentHostMaster();
        }
        URI uri = URI.create(settings.url());
        return new HostAndPort(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
    }

    /**
     * A connection of its own to the current master, for a subscriber (no read timeout: a subscription is quiet
     * for long stretches). Not from the pool, whose connections are for calls.
     */
    public Jedis dedicatedConnection() {
        int millis = (int) timeout.toMillis();
        if (masterConfig == null) {
            return new Jedis(URI.create(settings.url()), millis, 0);
        }
        HostAndPort master = currentMaster();
        return new Jedis(master, DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis).socketTimeoutMillis(0)
                .user(settings.username()).password(settings.password()).ssl(settings.tls()).build());
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
