package kr.daejeon.battery.infra.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XAutoClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * The outbox as one Redis Stream ({@code <prefix>:{outbox}:jobs}, one slot) read by one consumer group that every node
 * joins. A job is an entry ({@code kind}, {@code payload}); a node reads new entries with {@code XREADGROUP}, runs
 * the handler, and when its stage completes removes the entry ({@code XACK} + {@code XDEL}: nothing of a delivered
 * message stays in Redis). An entry read by a node that died stays pending in the group; every node regularly runs
 * {@code XAUTOCLAIM} for entries idle longer than {@code reclaimAfter} and runs them itself. {@code reclaimAfter} is
 * set well above the longest a live node spends on a job (a delivery's retries give up within a minute), so a slow
 * job is not taken from a live node.
 *
 * <p>Every call goes through {@link RedisClient#call(String, java.util.function.Function)} with the stream's key, so
 * the outbox follows a Sentinel failover and, on a cluster, the master of its slot.
 *
 * <p>{@link #add} is acknowledged like a turn ({@link RedisClient#acknowledged}: with Sentinel it waits for a
 * replica), so a failover does not lose a job either. At most {@code maxRunning} jobs run at once on a node; the rest
 * wait in the stream, not in this process's memory.
 */
public final class RedisOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(RedisOutbox.class);
    private static final String GROUP = "workers";
    /** A bound on the stream should handlers stop finishing (a dead platform keeps failing fast; this is a backstop). */
    private static final long MAX_LENGTH = 100_000;
    private static final int BATCH = 16;
    private static final int BLOCK_MS = 2000;

    private final RedisClient redis;
    private final String key;
    private final String consumer;
    private final Duration reclaimAfter;
    private final Semaphore running;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private Thread reader;

    public RedisOutbox(RedisClient redis, Duration reclaimAfter, int maxRunning) {
        this.redis = redis;
        this.key = redis.prefix() + ":{outbox}:jobs";
        this.consumer = redis.nodeKey();
        this.reclaimAfter = reclaimAfter;
        this.running = new Semaphore(maxRunning);
    }

    @Override
    public void handle(String kind, Handler handler) {
        handlers.put(kind, handler);
    }

    @Override
    public void add(String kind, String payload) {
        redis.acknowledged(key, j -> j.xadd(key, XAddParams.xAddParams().maxLen(MAX_LENGTH).approximateTrimming(),
                Map.of("kind", kind, "payload", payload)));
    }

    @Override
    public synchronized void start() {
        if (reader != null) {
            return;
        }
        reader = new Thread(this::run, "redis-outbox");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public long backlog() {
        try {
            return redis.call(key, j -> j.xlen(key));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private void run() {
        long nextReclaim = 0;
        boolean grouped = false;
        // A read waits at most half the call timeout for new jobs, on a pooled connection routed like any call (the
        // master of the stream's slot, after failovers and reshardings too).
        int blockMs = (int) Math.max(25, redis.timeout().toMillis() / 2);
        while (!closed) {
            try {
                if (!grouped) {
                    redis.call(key, j -> createGroup(j));
                    grouped = true;
                }
                if (System.nanoTime() >= nextReclaim) {
                    reclaim();
                    nextReclaim = System.nanoTime() + reclaimAfter.toNanos() / 4;
                }
                int free = Math.min(BATCH, Math.max(1, running.availablePermits()));
                var read = redis.call(key, j -> j.xreadGroup(GROUP, consumer,
                        XReadGroupParams.xReadGroupParams().count(free).block(blockMs),
                        Map.of(key, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY)));
                if (read != null) {
                    for (var stream : read) {
                        stream.getValue().forEach(this::runJob);
                    }
                }
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("outbox reader lost Redis ({}); retrying", e.getMessage());
                    grouped = false; // a failover may have lost the group with the stream's newest writes
                    sleep(1000);
                }
            }
        }
    }

    private Void createGroup(Jedis j) {
        try {
            // From the stream's start: jobs added before any node created the group are run too.
            j.xgroupCreate(key, GROUP, new StreamEntryID(0, 0), true);
        } catch (JedisDataException e) {
            if (!String.valueOf(e.getMessage()).startsWith("BUSYGROUP")) {
                throw e;
            }
        }
        return null;
    }

    /** Takes over jobs another node (or this one, before a restart) read and never finished. */
    private void reclaim() {
        StreamEntryID from = new StreamEntryID(0, 0);
        do {
            StreamEntryID start = from;
            var claimed = redis.call(key, j -> j.xautoclaim(key, GROUP, consumer, reclaimAfter.toMillis(), start,
                    XAutoClaimParams.xAutoClaimParams().count(BATCH)));
            for (StreamEntry e : claimed.getValue()) {
                LOG.info("outbox job {} was left unfinished by another node; running it here", e.getID());
                runJob(e);
            }
            from = claimed.getKey();
        } while (!closed && !from.equals(new StreamEntryID(0, 0)));
    }

    private void runJob(StreamEntry entry) {
        try {
            running.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        String kind = entry.getFields().get("kind");
        Handler h = handlers.get(kind);
        if (h == null) {
            running.release();
            // Another version's job (a rolling upgrade): left pending, another node may know it.
            LOG.warn("outbox job {} of unknown kind {} left for another node", entry.getID(), kind);
            return;
        }
        try {
            h.apply(entry.getFields().get("payload")).whenComplete((r, e) -> {
                running.release();
                if (e != null) {
                    // The handler itself failed (not the delivery, which gives up into a dead letter): run it again later.
                    LOG.warn("outbox job {} failed ({}); another attempt after {} s", entry.getID(), e.toString(),
                            reclaimAfter.toSeconds());
                    return;
                }
                done(entry.getID());
            });
        } catch (RuntimeException e) {
            running.release();
            LOG.warn("outbox job {} failed ({}); another attempt after {} s", entry.getID(), e.toString(), reclaimAfter.toSeconds());
        }
    }

    private void done(StreamEntryID id) {
        try {
            redis.call(key, j -> {
                j.xack(key, GROUP, id);
                return j.xdel(key, id);
            });
        } catch (RuntimeException e) {
            // Finished but not recorded: another node will run it again after reclaimAfter (at least once).
            LOG.warn("outbox job {} finished but not marked done ({})", id, e.getMessage());
        }
    }

    private static void sleep(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        Thread t = reader;
        if (t != null) {
            t.interrupt();
        }
    }

    /** For tests: the entries read by some node and not yet finished. */
    long pending() {
        return redis.call(key, j -> j.xpending(key, GROUP).getTotal());
    }
}
