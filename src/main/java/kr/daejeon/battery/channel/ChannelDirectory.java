package kr.daejeon.battery.channel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.session.RedisClient;
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

    public ChannelDirectory(RedisClient redisOrNull) {
        this.redis = redisOrNull;
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
            redis.call(j -> j.setex(linkKey(userKey), ttl.toSeconds(), conversationId));
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

    private String linkKey(String userKey) {
        return redis.prefix() + ":channeluser:" + userKey;
    }
}
