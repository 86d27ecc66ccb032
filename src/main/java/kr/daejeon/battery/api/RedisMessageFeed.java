package kr.daejeon.battery.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.RedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Live delivery across server nodes: every node publishes to one Redis pub/sub channel and every
 * node (itself included) forwards what it hears to its local {@link EventBusMessageFeed}. A
 * customer chatting through node A therefore sees a reply that staff sent through node B.
 *
 * <p>Pub/sub is not durable: while a node is disconnected from Redis its live listeners miss
 * messages, but every message is stored first, and SSE clients catch up with Last-Event-ID.
 */
public final class RedisMessageFeed implements MessageFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageFeed.class);

    private final RedisClient redis;
    private final EventBusMessageFeed local;
    private final String channel;
    private final URI uri;
    private final int timeoutMillis;
    private final Thread subscriber;
    private volatile boolean closed;
    private volatile JedisPubSub pubSub;

    public RedisMessageFeed(RedisClient redis, String redisUrl, Duration timeout, EventBusMessageFeed local) {
        this.redis = redis;
        this.local = local;
        this.channel = redis.prefix() + ":feed";
        this.uri = URI.create(redisUrl);
        this.timeoutMillis = (int) timeout.toMillis();
        this.subscriber = new Thread(this::listen, "redis-feed-subscriber");
        subscriber.setDaemon(true);
        subscriber.start();
    }

    @Override
    public void publish(String conversationId, List<Message> messages) {
        // The format the store's append script also publishes (see MessageFeed#redisChannel), fields in this order.
        String payload = EventBusMessageFeed.messagesEvent(conversationId, JsonCodec.write(messages));
        redis.call(j -> j.publish(channel, payload));
    }

    @Override
    public String redisChannel() {
        return channel;
    }

    @Override
    public void ticketChanged(Ticket ticket) {
        String payload = EventBusMessageFeed.ticketEvent(JsonCodec.write(ticket));
        redis.call(j -> j.publish(channel, payload));
    }

    private void listen() {
        while (!closed) {
            try (Jedis j = new Jedis(uri, timeoutMillis, 0)) {
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onMessage(String ch, String message) {
                        forward(message);
                    }
                };
                pubSub = sub;
                j.subscribe(sub, channel);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("live feed lost its Redis subscription ({}); retrying", e.getMessage());
                    sleep(1000);
                }
            }
        }
    }

    private static final String MESSAGES_PREFIX = EventBusMessageFeed.MESSAGES_EVENT_PREFIX;
    private static final String MESSAGES_MIDDLE = EventBusMessageFeed.MESSAGES_EVENT_MIDDLE;

    private void forward(String message) {
        if (forwardMessagesAsTheyAre(message)) {
            return;
        }
        try {
            JsonNode n = JsonCodec.MAPPER.readTree(message);
            if ("messages".equals(n.path("type").asText())) {
                local.deliverMessages(n.get("conversationId").asText(), n.get("messages").toString());
            } else if ("ticket".equals(n.path("type").asText())) {
                local.deliverTicket(n.get("ticket").toString());
            }
        } catch (Exception e) {
            LOG.warn("ignored malformed feed message: {}", e.getMessage());
        }
    }

    /**
     * Every turn's messages reach every node, so the common shape is passed on without parsing it: the
     * conversation id (a plain token, no escapes) is cut out and the array handed over as it came.
     */
    private boolean forwardMessagesAsTheyAre(String message) {
        if (!message.startsWith(MESSAGES_PREFIX + "\"") || !message.endsWith("]}")) {
            return false;
        }
        int idStart = MESSAGES_PREFIX.length() + 1;
        int idEnd = message.indexOf('"', idStart);
        if (idEnd < 0 || message.lastIndexOf('\\', idEnd) >= idStart || !message.startsWith(MESSAGES_MIDDLE + "[", idEnd + 1)) {
            return false;
        }
        local.deliverMessages(message.substring(idStart, idEnd),
                message.substring(idEnd + 1 + MESSAGES_MIDDLE.length(), message.length() - 1), message);
        return true;
    }

    /** True once the subscription is established (for start-up and tests). */
    public boolean isSubscribed() {
        JedisPubSub sub = pubSub;
        return sub != null && sub.isSubscribed();
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
        JedisPubSub sub = pubSub;
        if (sub != null && sub.isSubscribed()) {
            try {
                sub.unsubscribe();
            } catch (RuntimeException ignored) {
                // connection already gone
            }
        }
    }
}
