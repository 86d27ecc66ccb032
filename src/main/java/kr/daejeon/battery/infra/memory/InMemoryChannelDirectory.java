package kr.daejeon.battery.infra.memory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.channel.ChannelDirectory;

/**
 * The channel directory of one node. Every map is bounded (least recently used goes first), so a flood of
 * invented users or delivery ids cannot grow memory without end; links and queues are not expired by time here
 * (they live as long as the process), as before the port existed.
 */
public final class InMemoryChannelDirectory implements ChannelDirectory {

    private static final int MEMORY_LIMIT = 100_000;

    private final Map<String, String> links = boundedMap();
    private final Map<String, Long> seen = boundedMap();
    private final Map<String, Object[]> onceValues = boundedMap();
    private final Map<String, List<String>> queues = boundedMap();

    private static <V> Map<String, V> boundedMap() {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > MEMORY_LIMIT;
            }
        });
    }

    @Override
    public Optional<String> conversationFor(String userKey) {
        return Optional.ofNullable(links.get(userKey));
    }

    @Override
    public void link(String userKey, String conversationId, Duration ttl) {
        links.put(userKey, conversationId);
    }

    @Override
    public boolean firstDelivery(String deliveryKey, Duration ttl) {
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

    @Override
    public void putOnce(String key, String value, Duration ttl) {
        onceValues.put(key, new Object[] {value, System.currentTimeMillis() + ttl.toMillis()});
    }

    @Override
    public Optional<String> take(String key) {
        Object[] v = onceValues.remove(key);
        return v == null || (long) v[1] < System.currentTimeMillis() ? Optional.empty() : Optional.of((String) v[0]);
    }

    @Override
    public void enqueue(String key, String value) {
        synchronized (queues) {
            queues.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
    }

    @Override
    public List<String> drain(String key) {
        synchronized (queues) {
            List<String> v = queues.remove(key);
            return v == null ? List.of() : v;
        }
    }
}
