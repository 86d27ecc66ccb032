package kr.daejeon.battery.channel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.infra.redis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Which conversation belongs to which messenger user, and which platform deliveries were already
 * processed (platforms retry webhooks). In Redis when configured, so every node agrees.
 */
public final class ChannelDirectory {

    private static final int MEMORY_LIMIT = 100_000;

    private final RedisClient redis;
    private final Map<String, String> links = boundedMap();
    private final Map<String, Long> seen = boundedMap();
    private final Map<String, Object[]> onceValues = boundedMap();
    private final Map<String, java.util.List<String>> queues = boundedMap();

    /** Queued replies are personal data: kept no longer than this after the last one was queued. */
    private final Duration retention;

    public ChannelDirectory(RedisClient redisOrNull) {
        this(redisOrNull, Duration.ofDays(90));
    }

    public ChannelDirectory(RedisClient redisOrNull, Duration retention) {
        this.redis = redisOrNull;
        this.retention = retention;
    }

    private static <V> Map<String, V> boundedMap() {
        return java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MEMORY_LIMIT;
            }
        });
    }

    public Optional<String> conversationFor(String userKey) {
        return Optional.ofNullable(redis == null ? links.get(userKey) : redis.call(j -> j.get(linkKey(userKey))));
    }

    public void link(String userKey, String conversationId, Duration ttl) {
        if (redis == null) {
            links.put(userKey, conversationId);
        } else {
            redis.call(j -> j.setex(linkKey(userKey), Math.min(ttl.toSeconds(), Math.max(1, retention.toSeconds())), conversationId));
        }
    }

    /** True the first time a delivery id is seen within {@code ttl}: later retries are ignored. */
    public boolean firstDelivery(String deliveryKey, Duration ttl) {
        if (redis == null) {
            long now = System.currentTimeMillis();
            synchronized (seen) {
                Long at = seen.get(deliveryKey);
                if (at != null && now - at < ttl.toMillis()) {
                    return false;
                }
                seen.put(deliveryKey, now);
                return true;
            }
        }
        return "OK".equals(redis.call(j -> j.set(redis.prefix() + ":delivered:" + deliveryKey, "1",
                SetParams.setParams().nx().ex(ttl.toSeconds()))));
    }

    /** Keeps a value for one later {@link #take} within {@code ttl} (e.g. a one-shot callback URL). */
    public void putOnce(String key, String value, Duration ttl) {
        if (redis == null) {
            onceValues.put(key, new Object[] {value, System.currentTimeMillis() + ttl.toMillis()});
        } else {
            redis.call(j -> j.setex(redis.prefix() + ":once:" + key, ttl.toSeconds(), value));
        }
    }

    public Optional<String> take(String key) {
        if (redis == null) {
            Object[] v = onceValues.remove(key);
            return v == null || (long) v[1] < System.currentTimeMillis() ? Optional.empty() : Optional.of((String) v[0]);
        }
        return Optional.ofNullable(redis.call(j -> j.getDel(redis.prefix() + ":once:" + key)));
    }

    /** Queues a value to hand over later, in order (e.g. staff replies waiting for the user's next message). */
    public void enqueue(String key, String value) {
        if (redis == null) {
            synchronized (queues) {
                queues.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(value);
            }
        } else {
            redis.call(j -> {
                j.rpush(redis.prefix() + ":queue:" + key, value);
                return j.expire(redis.prefix() + ":queue:" + key, Math.max(1, retention.toSeconds()));
            });
        }
    }

    /** Everything queued under {@code key}, oldest first, removed atomically. */
    public java.util.List<String> drain(String key) {
        if (redis == null) {
            synchronized (queues) {
                java.util.List<String> v = queues.remove(key);
                return v == null ? java.util.List.of() : v;
            }
        }
        String k = redis.prefix() + ":queue:" + key;
        Object r = redis.call(j -> j.eval("local v = redis.call('LRANGE', KEYS[1], 0, -1) redis.call('DEL', KEYS[1]) return v",
                java.util.List.of(k), java.util.List.of()));
        java.util.List<String> out = new java.util.ArrayList<>();
        for (Object o : (java.util.List<?>) r) {
            out.add((String) o);
        }
        return out;
    }

    private String linkKey(String userKey) {
        return redis.prefix() + ":channeluser:" + userKey;
    }
}
