package kr.daejeon.battery.infra.redis;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.health.Readiness;
import kr.daejeon.battery.session.ReplicaAckTimeoutException;
import kr.daejeon.battery.session.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * Tests every few seconds that this node can <em>write</em> to Redis, the way a turn does: a SET of a key of its own
 * with a short TTL (plus {@code WAIT} when turns wait for replicas). A PING is answered by a replica, by a server out
 * of memory under {@code noeviction} and by a cluster node whose cluster is down, all of which refuse every turn;
 * this probe is refused too, and {@code /ready} reports why. It runs on a thread of its own, never on the event loop
 * or in the worker pool (a saturated pool must not make the node look dead), and {@code /ready} only reads its last
 * result, so a flood of readiness checks costs Redis nothing.
 */
public final class RedisWriteProbe implements Readiness, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisWriteProbe.class);

    private final RedisClient redis;
    private final Duration interval;
    private final ScheduledExecutorService timer;
    private volatile Verdict last = Verdict.notReady("starting", "the first write test has not finished");
    private volatile long lastAt = System.nanoTime();

    public RedisWriteProbe(RedisClient redis, Duration interval) {
        this.redis = redis;
        this.interval = interval;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "redis-write-probe");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs the first test now (the caller is starting up, off the event loop), then every interval. */
    public RedisWriteProbe start() {
        probe();
        timer.scheduleWithFixedDelay(this::probe, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One write test; public for tests that must not wait for the timer. */
    public Verdict probe() {
        Verdict v;
        try {
            long ttl = Math.max(5_000, interval.toMillis() * 5);
            redis.acknowledged(redis.nodeKey(), j -> j.psetex(redis.nodeKey(), ttl, Long.toString(System.currentTimeMillis())));
            v = Verdict.READY;
        } catch (ReplicaAckTimeoutException e) {
            v = Verdict.notReady("replicas_missing", e.getMessage());
        } catch (StoreUnavailableException e) {
            v = classify(e.getCause() == null ? e : e.getCause());
            if (redis.clustered() && !"cluster_down".equals(v.reason())) {
                // The probe's key lives on one master; if that master is gone, ask any node whether the cluster is down.
                String state = redis.clusterState();
                if ("fail".equals(state)) {
                    v = Verdict.notReady("cluster_down", "the Redis cluster is down (cluster_state:fail): " + v.detail());
                }
            }
        } catch (RuntimeException e) {
            v = Verdict.notReady("error", String.valueOf(e.getMessage()));
        }
        Verdict before = last;
        last = v;
        lastAt = System.nanoTime();
        if (before.ready() != v.ready() || (v.reason() != null && !v.reason().equals(before.reason()))) {
            if (v.ready()) {
                LOG.info("Redis accepts writes again: ready");
            } else {
                LOG.warn("Redis refuses writes ({}: {}): not ready", v.reason(), v.detail());
            }
        }
        return v;
    }

    static Verdict classify(Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        String upper = message.toUpperCase(Locale.ROOT);
        if (cause instanceof JedisDataException) {
            if (upper.startsWith("READONLY")) {
                return Verdict.notReady("readonly", "Redis is a read-only replica: " + message);
            }
            if (upper.startsWith("OOM")) {
                return Verdict.notReady("oom", "Redis is out of memory (maxmemory with noeviction): " + message);
            }
            if (upper.startsWith("CLUSTERDOWN")) {
                return Verdict.notReady("cluster_down", "the Redis cluster is down: " + message);
            }
            if (upper.startsWith("NOREPLICAS") || upper.startsWith("MASTERDOWN")) {
                return Verdict.notReady("replicas_missing", message);
            }
            return Verdict.notReady("error", message);
        }
        if (cause instanceof JedisConnectionException || upper.contains("CONNECT") || upper.contains("TIMED OUT")) {
            return Verdict.notReady("unreachable", "Redis does not answer: " + message);
        }
        return Verdict.notReady("error", message);
    }

    @Override
    public Verdict check() {
        Verdict v = last;
        // A probe stuck longer than a few intervals (each call is bounded by the Redis timeout) says nothing current.
        long staleAfter = interval.toNanos() * 3 + redis.timeout().toNanos() * 2 + redis.settings().waitTimeout().toNanos();
        if (v.ready() && System.nanoTime() - lastAt > staleAfter) {
            return Verdict.notReady("probe_stale", "no write test finished in the last " + Duration.ofNanos(staleAfter).toSeconds() + " s");
        }
        return v;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
