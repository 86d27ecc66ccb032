package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.content.ContentFiles;
import kr.daejeon.battery.content.ContentStore;
import kr.daejeon.battery.content.ContentVersion;
import kr.daejeon.battery.content.StaleVersionException;
import kr.daejeon.battery.content.VersionRecords;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import kr.daejeon.battery.session.JsonCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.params.GetExParams;
import redis.clients.jedis.params.SetParams;

/**
 * The content versions in Redis, shared by every node. Keys carry the hash tag {@code {content}} so
 * the commit (texts, version record, head, log) is one script on one slot:
 * {@code P:{content}:head}, {@code :v:N} (the record with its manifest), {@code :log} (records, newest
 * first), {@code :text:SHA} (file texts, content-addressed, so a version costs only its changed files),
 * {@code :model:KEY} (a trained model, binary) and {@code :training:KEY} (who trains it). Nodes hear of
 * new versions and models on the channel {@code P:content:events}.
 */
public final class RedisContentStore implements ContentStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisContentStore.class);
    private static final int LOG_LIMIT = 1000;
    static final Duration MODEL_TTL = Duration.ofDays(90);

    private static final RedisScript COMMIT = RedisScript.template("content-commit.lua", LOG_LIMIT - 1);

    private final RedisClient redis;
    private final Clock clock;
    private final String base;
    private final String channel;
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final int timeoutMillis;
    private volatile boolean closed;
    private volatile JedisPubSub subscription;
    private final Thread subscriber;
    private final java.util.concurrent.CountDownLatch subscribed = new java.util.concurrent.CountDownLatch(1);

    public RedisContentStore(RedisClient redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.base = redis.prefix() + ":{content}";
        this.channel = redis.prefix() + ":content:events";
        this.timeoutMillis = (int) redis.timeout().toMillis();
        this.subscriber = new Thread(this::subscribeLoop, "content-events-subscriber");
        subscriber.setDaemon(true);
        subscriber.start();
        // Briefly wait for the subscription, so an event published right after start is heard (a node that starts
        // also reads the head, and a later resubscription says "resync"; this covers the first moments).
        try {
            if (!subscribed.await(Math.max(1000, 2L * timeoutMillis), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                LOG.warn("content events not subscribed yet; this node also checks the current version every few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public long head() {
        String h = redis.call(base, j -> j.get(base + ":head"));
        return h == null ? 0 : Long.parseLong(h);
    }

    @Override
    public Optional<ContentVersion> version(long number) {
        return Optional.ofNullable(redis.call(base, j -> j.get(base + ":v:" + number)))
                .map(json -> JsonCodec.read(json, ContentVersion.class));
    }

    @Override
    public List<ContentVersion> history(int limit) {
        List<ContentVersion> out = new ArrayList<>();
        for (String json : redis.call(base, j -> j.lrange(base + ":log", 0, Math.max(0, limit - 1)))) {
            out.add(JsonCodec.read(json, ContentVersion.class));
        }
        return out;
    }

    @Override
    public Map<String, String> texts(Collection<String> hashes) {
        List<String> list = hashes.stream().filter(h -> h != null && h.matches("[0-9a-f]{64}")).distinct().toList();
        Map<String, String> out = new HashMap<>();
        if (list.isEmpty()) {
            return out;
        }
        List<String> values = redis.call(base, j -> j.mget(list.stream().map(h -> base + ":text:" + h).toArray(String[]::new)));
        for (int i = 0; i < list.size(); i++) {
            if (values.get(i) != null) {
                out.put(list.get(i), values.get(i));
            }
        }
        return out;
    }

    @Override
    public ContentVersion commit(long expected, ContentFiles files, String author, String summary) {
        Map<String, String> before = expected == 0 ? Map.of()
                : version(expected).map(ContentVersion::manifest).orElseThrow(() -> new StaleVersionException(expected, head()));
        Map<String, String> manifest = VersionRecords.manifest(files);
        List<ContentVersion.FileChange> changes = VersionRecords.changes(before, manifest);
        ContentVersion v = new ContentVersion(expected + 1, author, clock.instant(), summary, changes, manifest);
        List<String> keys = new ArrayList<>(List.of(base + ":head", base + ":v:" + v.number(), base + ":log"));
        List<String> args = new ArrayList<>(List.of(Long.toString(expected), JsonCodec.write(v), JsonCodec.write(v.summaryOnly()),
                channel, Long.toString(v.number())));
        // Only the texts this version adds; the others are already stored under their hash.
        for (ContentVersion.FileChange c : changes) {
            if (c.after() != null) {
                keys.add(base + ":text:" + c.after());
                args.add(files.files().get(c.path()));
            }
        }
        if (expected == 0) {
            keys.subList(3, keys.size()).clear();
            args.subList(5, args.size()).clear();
            files.files().forEach((path, text) -> {
                keys.add(base + ":text:" + manifest.get(path));
                args.add(text);
            });
        }
        long result = redis.call(base, j -> (Long) COMMIT.eval(j, keys, args));
        if (result >= 0) {
            throw new StaleVersionException(expected, result);
        }
        return v;
    }

    @Override
    public Optional<byte[]> model(String key) {
        byte[] k = (base + ":model:" + key).getBytes(StandardCharsets.UTF_8);
        // GETEX: a model in use stays as long as it is loaded by some node.
        return Optional.ofNullable(redis.call(base, j -> j.getEx(k, GetExParams.getExParams()
                .ex(MODEL_TTL.toSeconds()))));
    }

    @Override
    public void putModel(String key, byte[] model) {
        // Models of old versions are kept a while (a restore reuses them), not forever: a few MB each.
        redis.call(base, j -> j.set((base + ":model:" + key).getBytes(StandardCharsets.UTF_8), model,
                SetParams.setParams().ex(MODEL_TTL.toSeconds())));
        redis.call(j -> j.publish(channel, "model:" + key)); // a channel, no key: any node
    }

    @Override
    public boolean claimTraining(String key, Duration ttl) {
        return "OK".equals(redis.call(base, j -> j.set(base + ":training:" + key, "1", SetParams.setParams().nx().ex(ttl.toSeconds()))));
    }

    @Override
    public void listen(Consumer<String> event) {
        listeners.add(event);
    }

    private void subscribeLoop() {
        while (!closed) {
            try (Jedis j = redis.dedicatedConnection()) { // the master, also after a failover
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String ch, int count) {
                        // Whatever was published while not subscribed: the listeners check the head again.
                        subscribed.countDown();
                        tell("resync");
                    }

                    @Override
                    public void onMessage(String ch, String message) {
                        tell(message);
                    }
                };
                subscription = sub;
                j.subscribe(sub, channel);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.debug("content events subscription lost ({}); reconnecting", e.getMessage());
                    sleep(1000);
                }
            }
        }
    }

    private void tell(String message) {
        for (Consumer<String> l : listeners) {
            try {
                l.accept(message);
            } catch (RuntimeException e) {
                LOG.warn("content event listener failed: {}", e.getMessage());
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        JedisPubSub s = subscription;
        if (s != null) {
            try {
                s.unsubscribe();
            } catch (RuntimeException ignored) {
                // the connection is going away anyway
            }
        }
        subscriber.interrupt();
    }
}
