package kr.daejeon.battery.channel;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which conversation belongs to which messenger user, and which platform deliveries were already
 * processed (platforms retry webhooks). The port: {@code infra.memory.InMemoryChannelDirectory} for one node,
 * {@code infra.redis.RedisChannelDirectory} so every node agrees; the {@code infra.Backend} picks one.
 * Blocking with Redis: call off the event loop.
 */
public interface ChannelDirectory {

    Optional<String> conversationFor(String userKey);

    /** Links a messenger user to a conversation for {@code ttl} (at most the personal-data retention). */
    void link(String userKey, String conversationId, Duration ttl);

    /** True the first time a delivery id is seen within {@code ttl}: later retries are ignored. */
    boolean firstDelivery(String deliveryKey, Duration ttl);

    /** Keeps a value for one later {@link #take} within {@code ttl} (e.g. a one-shot callback URL). */
    void putOnce(String key, String value, Duration ttl);

    Optional<String> take(String key);

    /** Queues a value to hand over later, in order (e.g. staff replies waiting for the user's next message). */
    void enqueue(String key, String value);

    /** Everything queued under {@code key}, oldest first, removed atomically. */
    List<String> drain(String key);
}
