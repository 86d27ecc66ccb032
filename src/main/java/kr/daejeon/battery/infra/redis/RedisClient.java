package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.session.ReplicaAckTimeoutException;
import kr.daejeon.battery.session.StoreUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
import redis.clients.jedis.Connection;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisMovedDataException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.providers.ClusterConnectionProvider;
import redis.clients.jedis.util.JedisClusterCRC16;
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
 *
 * <p><b>Redis Cluster</b> ({@code redis_cluster_nodes}). Jedis 5.2's {@code JedisCluster} is another API
 * ({@code UnifiedJedis}): it routes command by command, refuses a script whose keys span slots on the client side
 * (what the issue saw before the keys were hash-tagged), runs pipelines as {@code ClusterPipeline} (no transactions)
 * and has no "the connection that just wrote" for {@code WAIT}. Porting every store to it would change every call and
 * lose that affinity, so the cluster client here is Jedis's {@link ClusterConnectionProvider} (the slot map, one pool
 * per node, refreshed on demand) and every call gets a
 * plain {@link Jedis} on the connection of the node that owns its key's slot ({@code new Jedis(Connection)}):
 * {@link #call(String, Function)} names the key whose slot the call uses, so the existing per-connection code —
 * {@code EVALSHA} of the Lua files, pipelines, {@code WAIT} — runs unchanged on the right master. A call without a
 * key ({@link #call(Function)}) goes to any node and follows the {@code MOVED} answer (one extra round trip).
 * {@code MOVED} means nothing was executed, so running the call again on the named node is safe; on a key whose
 * slot the map placed wrong the map is refreshed. {@code ASK} (a slot being migrated) repeats the call there after
 * {@code ASKING}, which covers one command (every script is one); {@code TRYAGAIN} (a script on a slot whose keys are
 * half migrated) is tried again after a short pause, up to about 0.6 s. The rule that makes this correct: <em>every call
 * touches one slot</em> — a conversation's keys share the hash tag {@code {id}}, a ticket's {@code {tid}}, content
 * {@code {content}}, accounts {@code {staff}} — and work on keys of many slots goes through {@link #eachKey}, one
 * pipeline per node. A connection failure is not retried (the command may have run); it refreshes the map (a
 * failover moves the slot to a promoted replica) and answers 503, and the client retries with its idempotency key.
 * Measured (bench/cluster.sh, same run, loaded 2-core machine): store-level turns/s on 3 masters were 0.78 and 1.11
 * times one Redis's — a keyed call is one round trip, as on one Redis.
 */
public final class RedisClient implements AutoCloseable {

    /** Redirections followed for one call (a slot moves once; more means the map is in flux: 503). */
    private static final int MAX_REDIRECTS = 5;

    private final Pool<Jedis> pool;
    private final ClusterConnectionProvider cluster;
    private final JedisClientConfig clusterConfig;
    /** In cluster mode the node the last dedicated connection (a subscriber) went to. */
    private volatile HostAndPort subscriptionNode;
    private volatile long slotsRenewedAt;
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
        if (settings.cluster()) {
            masterConfig = null;
            pool = null;
            clusterConfig = DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis).socketTimeoutMillis(millis)
                    .user(settings.username()).password(settings.password()).ssl(settings.tls()).build();
            GenericObjectPoolConfig<Connection> perNode = new GenericObjectPoolConfig<>();
            perNode.setMaxTotal(settings.poolSize());
            perNode.setMaxIdle(settings.poolSize());
            perNode.setMinIdle(0);
            perNode.setMaxWait(timeout);
            perNode.setTestWhileIdle(true);
            perNode.setJmxEnabled(false);
            Set<HostAndPort> seeds = new LinkedHashSet<>();
            settings.clusterNodes().forEach(s -> seeds.add(HostAndPort.from(s)));
            try {
                cluster = new ClusterConnectionProvider(seeds, clusterConfig, perNode);
            } catch (JedisException e) {
                throw new StoreUnavailableException("no Redis Cluster node of " + settings.clusterNodes() + " answers: "
                        + e.getMessage(), e);
            }
        } else if (settings.sentinel()) {
            cluster = null;
            clusterConfig = null;
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
            cluster = null;
            clusterConfig = null;
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

    /** Whether this is a Redis Cluster (then every call touches one slot; see the class comment). */
    public boolean clustered() {
        return cluster != null;
    }

    /**
     * A call whose keys are in one slot without saying which: on a cluster it goes to any node and follows
     * {@code MOVED}. Prefer {@link #call(String, Function)}, which goes to the right node at once.
     */
    public <T> T call(Function<Jedis, T> command) {
        return call(null, command);
    }

    /**
     * A call on the connection that owns {@code slotKey}'s slot (every key the call touches must be in that slot).
     * Without a cluster the key is only documentation: there is one server.
     */
    public <T> T call(String slotKey, Function<Jedis, T> command) {
        if (cluster != null) {
            try {
                return callCluster(slotKey, command);
            } catch (JedisException e) {
                onFailure.run();
                throw new StoreUnavailableException("Redis unavailable: " + e.getMessage(), e);
            }
        }
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

    private <T> T callCluster(String slotKey, Function<Jedis, T> command) {
        int slot = slotKey == null ? -1 : JedisClusterCRC16.getSlot(slotKey);
        HostAndPort target = null;
        boolean asking = false;
        for (int redirects = 0; ; redirects++) {
            Connection c;
            try {
                c = target != null ? cluster.getConnection(target)
                        : slot >= 0 ? cluster.getConnectionFromSlot(slot) : cluster.getConnection();
            } catch (JedisConnectionException e) {
                renewSlots();
                throw e;
            }
            try (Jedis j = new Jedis(c)) {
                if (asking) {
                    j.asking();
                }
                return command.apply(j);
            } catch (JedisRedirectionException r) {
                if (redirects >= MAX_REDIRECTS) {
                    throw r;
                }
                // MOVED / ASK: the node did not run the command. Run it again where Redis says.
                target = r.getTargetNode();
                asking = !(r instanceof JedisMovedDataException);
                if (!asking && slot >= 0) {
                    renewSlots(); // the map placed this slot wrong: a resharding or a failover
                }
            } catch (JedisConnectionException e) {
                renewSlots(); // the node may be gone and its slots served by a promoted replica
                throw e;
            } catch (JedisDataException e) {
                // TRYAGAIN: a multi-key step (a script) on a slot being migrated whose keys are not all on one side yet.
                // Nothing ran; a slot's migration takes milliseconds, so the same call is tried again shortly.
                if (redirects >= MAX_REDIRECTS || !String.valueOf(e.getMessage()).startsWith("TRYAGAIN")) {
                    throw e;
                }
                pause(20L << redirects);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JedisConnectionException("interrupted while a slot migrates", e);
        }
    }

    /** Refreshes the slot map, at most about once a second (a cluster in trouble must not be asked on every call). */
    private void renewSlots() {
        long now = System.currentTimeMillis();
        if (now - slotsRenewedAt < 1000) {
            return;
        }
        slotsRenewedAt = now;
        try {
            cluster.renewSlotCache();
        } catch (JedisException e) {
            // no node answered; the next call tries again
        }
    }

    /** One command (or a few) on one key, queued on a pipeline: a step of {@link #eachKey}. */
    public record Keyed(String key, Function<Pipeline, Response<?>> queue) {
    }

    /**
     * Commands each on its own key, in any slots, in as few round trips as the topology allows: one pipeline on one
     * Redis; one pipeline per node on a cluster (a step redirected there is run again on its own — the steps must be
     * idempotent, as every caller's are: EXISTS, HGETALL, ZADD, ZREM, EXPIRE, DEL). Results in order.
     */
    public List<Object> eachKey(List<Keyed> steps) {
        if (steps.isEmpty()) {
            return List.of();
        }
        Object[] out = new Object[steps.size()];
        if (cluster == null) {
            List<Integer> all = new ArrayList<>();
            for (int i = 0; i < steps.size(); i++) {
                all.add(i);
            }
            call(j -> runPipeline(j, steps, all, out));
        } else {
            Map<HostAndPort, List<Integer>> byNode = new LinkedHashMap<>();
            for (int i = 0; i < steps.size(); i++) {
                HostAndPort node = cluster.getNode(JedisClusterCRC16.getSlot(steps.get(i).key()));
                byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(i);
            }
            for (List<Integer> group : byNode.values()) {
                call(steps.get(group.get(0)).key(), j -> runPipeline(j, steps, group, out));
            }
            for (int i = 0; i < out.length; i++) {
                if (out[i] instanceof JedisRedirectionException) {
                    Keyed step = steps.get(i);
                    out[i] = call(step.key(), j -> {
                        Pipeline p = j.pipelined();
                        Response<?> r = step.queue().apply(p);
                        p.sync();
                        return r.get();
                    });
                }
            }
        }
        for (Object o : out) {
            if (o instanceof JedisException e) {
                onFailure.run();
                throw new StoreUnavailableException("Redis unavailable: " + e.getMessage(), e);
            }
        }
        return java.util.Arrays.asList(out);
    }

    private static Void runPipeline(Jedis j, List<Keyed> steps, List<Integer> which, Object[] out) {
        Pipeline p = j.pipelined();
        List<Response<?>> responses = new ArrayList<>(which.size());
        for (int i : which) {
            responses.add(steps.get(i).queue().apply(p));
        }
        p.sync();
        for (int k = 0; k < which.size(); k++) {
            try {
                out[which.get(k)] = responses.get(k).get();
            } catch (JedisDataException e) {
                out[which.get(k)] = e;
            }
        }
        return null;
    }

    /**
     * A write that must survive a failover before it is acknowledged: the command, then {@code WAIT} for the
     * configured replicas on the same connection (WAIT covers this connection's writes). Without a replica
     * requirement it is {@link #call}.
     *
     * @throws ReplicaAckTimeoutException when fewer replicas confirmed in time (the write is on the master)
     */
    public <T> T acknowledged(Function<Jedis, T> command) {
        return acknowledged(null, command, result -> true);
    }

    /** As {@link #acknowledged(Function)}, waiting only when {@code wrote} says the result stored something. */
    public <T> T acknowledged(Function<Jedis, T> command, java.util.function.Predicate<T> wrote) {
        return acknowledged(null, command, wrote);
    }

    /** As {@link #acknowledged(Function)}, on the node of {@code slotKey}'s slot (a cluster's master of it). */
    public <T> T acknowledged(String slotKey, Function<Jedis, T> command) {
        return acknowledged(slotKey, command, result -> true);
    }

    /** As {@link #acknowledged(Function)}, waiting only when {@code wrote} says the result stored something. */
    public <T> T acknowledged(String slotKey, Function<Jedis, T> command, java.util.function.Predicate<T> wrote) {
        int replicas = settings.minReplicasAck();
        if (replicas <= 0) {
            return call(slotKey, command);
        }
        return call(slotKey, j -> {
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
        confirmReplicated(null);
    }

    /** As {@link #confirmReplicated()}, on the master of {@code slotKey}'s slot (on a cluster each master has its replicas). */
    public void confirmReplicated(String slotKey) {
        int replicas = settings.minReplicasAck();
        if (replicas <= 0) {
            return;
        }
        String own = slotKey == null ? nodeKey : nodeKey + ":{" + hashTag(slotKey) + "}";
        call(slotKey, j -> {
            j.psetex(own, 10_000, "1");
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

    /** The part of {@code key} that decides its slot: the first non-empty {@code {...}}, else the whole key. */
    static String hashTag(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                return key.substring(open + 1, close);
            }
        }
        return key;
    }

    /** The cluster slot of {@code key} (0-16383), as Redis computes it. */
    public static int slotOf(String key) {
        return JedisClusterCRC16.getSlot(key);
    }

    /**
     * Where the master is now: the configured server, or the one the sentinels last named; on a cluster the node the
     * subscriber is connected to (classic pub/sub reaches every node of a cluster, so it stays there until it fails).
     */
    public HostAndPort currentMaster() {
        if (cluster != null) {
            HostAndPort node = subscriptionNode;
            return node != null ? node : HostAndPort.from(settings.clusterNodes().get(0));
        }
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
        if (cluster != null) {
            return anyClusterNode(millis, 0, node -> subscriptionNode = node);
        }
        if (masterConfig == null) {
            return new Jedis(URI.create(settings.url()), millis, 0);
        }
        HostAndPort master = currentMaster();
        return new Jedis(master, DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis).socketTimeoutMillis(0)
                .user(settings.username()).password(settings.password()).ssl(settings.tls()).build());
    }

    /** Any node that answers, the known ones in random order, then the seeds (the map may name only dead nodes). */
    private Jedis anyClusterNode(int millis, int socketMillis, java.util.function.Consumer<HostAndPort> chosen) {
        List<String> candidates = new ArrayList<>(cluster.getNodes().keySet());
        java.util.Collections.shuffle(candidates);
        candidates.addAll(settings.clusterNodes());
        JedisClientConfig quiet = DefaultJedisClientConfig.builder().connectionTimeoutMillis(millis).socketTimeoutMillis(socketMillis)
                .user(settings.username()).password(settings.password()).ssl(settings.tls()).build();
        JedisException last = null;
        for (String candidate : candidates) {
            HostAndPort node = HostAndPort.from(candidate);
            Jedis j = new Jedis(node, quiet);
            try {
                j.ping();
                chosen.accept(node);
                return j;
            } catch (JedisException e) {
                j.close();
                last = e;
            }
        }
        throw last != null ? last : new JedisConnectionException("no Redis Cluster node known");
    }

    /** On a cluster, {@code cluster_state} as any answering node says ({@code ok} / {@code fail}); else or unknown null. */
    public String clusterState() {
        if (cluster == null) {
            return null;
        }
        try (Jedis j = anyClusterNode((int) timeout.toMillis(), (int) timeout.toMillis(), node -> { })) {
            for (String line : j.clusterInfo().split("\r?\n")) {
                if (line.startsWith("cluster_state:")) {
                    return line.substring("cluster_state:".length()).trim();
                }
            }
            return null;
        } catch (JedisException e) {
            return null;
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
        if (cluster != null) {
            cluster.close();
        } else {
            pool.close();
        }
    }
}
