package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.infra.memory.EventBusMessageFeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.infra.redis.RedisClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.Pipeline;

/**
 * Live delivery across server nodes through Redis pub/sub. A conversation's messages go to a channel
 * of its own ({@code <prefix>:feed:c:<id>}, a JSON array) and to the staff channel ({@code <prefix>:feed:staff},
 * the staff consoles' event, as do ticket changes). A node subscribes to a conversation's channel while it
 * has a live listener for that conversation, and to the staff channel while a staff console is connected
 * to it: a turn costs the nodes nothing when nobody watches, however many nodes there are. A customer
 * chatting through node A still sees a reply that staff sent through node B.
 *
 * <p><b>On a Redis Cluster</b> the feed stays classic {@code PUBLISH}/{@code SUBSCRIBE}, not sharded pub/sub
 * ({@code SPUBLISH}/{@code SSUBSCRIBE}): a classic message reaches every node of the cluster over its bus, so one
 * subscription on any node hears every channel, and a failover only means subscribing on another node when the
 * connection breaks. Sharded channels would keep each message on its slot's shard, but the staff channel carries every
 * conversation's messages to every console (so it would be one hot shard), and it could not be published from the
 * commit script (a script's keys and shard channels must share one slot) — each turn would need a second round trip.
 * The price of classic pub/sub is bus traffic (each message copied to every node), which at this service's volume —
 * a few turns a second — is small; measured in {@code docs/store.md}.
 *
 * <p>Pub/sub is not durable: while a node is disconnected from Redis its live listeners miss messages,
 * but every message is stored first, and listeners read the store once their subscription stands
 * (SSE clients also catch up with Last-Event-ID).
 */
public final class RedisMessageFeed implements MessageFeed, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisMessageFeed.class);

    private final RedisClient redis;
    private final EventBusMessageFeed local;
    private final FeedChannels channels;
    /** Subscribed while connected, so the subscription has a channel when no listener is there. */
    private final String nodeChannel;
    private final Thread subscriber;
    private final Thread masterWatch;
    private volatile boolean closed;

    // Guarded by this: the channels this node's listeners need, how many listeners each, who waits for a
    // subscription to be confirmed, and the connection (commands to it are sent under this lock only).
    private final Map<String, Integer> interest = new HashMap<>();
    private final Map<String, List<Runnable>> waiting = new HashMap<>();
    private JedisPubSub pubSub;
    /** The server the subscription is on; when the sentinels name another master the subscription moves there. */
    private HostAndPort subscribedTo;

    /** {@code redisUrl} and {@code timeout} are the client's own (kept for callers from before Sentinel). */
    public RedisMessageFeed(RedisClient redis, String redisUrl, Duration timeout, EventBusMessageFeed local) {
        this(redis, local);
    }

    public RedisMessageFeed(RedisClient redis, EventBusMessageFeed local) {
        this.redis = redis;
        this.local = local;
        this.channels = FeedChannels.of(redis.prefix());
        this.nodeChannel = redis.prefix() + ":feed:node:" + Tokens.random(9);
        this.subscriber = new Thread(this::listen, "redis-feed-subscriber");
        subscriber.setDaemon(true);
        subscriber.start();
        this.masterWatch = new Thread(this::watchMaster, "redis-feed-master-watch");
        masterWatch.setDaemon(true);
        masterWatch.start();
    }

    @Override
    public void publish(String conversationId, List<Message> messages) {
        String array = JsonCodec.write(messages);
        // The formats the store's append script also publishes (see FeedChannels).
        String staffEvent = EventBusMessageFeed.messagesEvent(conversationId, array);
        redis.call(j -> {
            Pipeline p = j.pipelined();
            p.publish(channels.conversation(conversationId), array);
            p.publish(channels.staff(), staffEvent);
            p.sync();
            return null;
        });
    }

    public FeedChannels channels() {
        return channels;
    }

    @Override
    public void ticketChanged(Ticket ticket) {
        String payload = EventBusMessageFeed.ticketEvent(JsonCodec.write(ticket));
        redis.call(j -> j.publish(channels.staff(), payload));
    }

    @Override
    public Listening listen(String conversationId, Runnable ready) {
        String channel = conversationId == null ? channels.staff() : channels.conversation(conversationId);
        boolean readyNow = false;
        synchronized (this) {
            int listeners = interest.merge(channel, 1, Integer::sum);
            if (listeners == 1) {
                waiting.computeIfAbsent(channel, c -> new ArrayList<>()).add(ready);
                send(sub -> sub.subscribe(channel));
            } else if (waiting.containsKey(channel)) {
                waiting.get(channel).add(ready);
            } else {
                readyNow = true;
            }
        }
        if (readyNow) {
            ready.run();
        }
        boolean[] closedOnce = new boolean[1];
        return () -> {
            synchronized (this) {
                if (closedOnce[0]) {
                    return;
                }
                closedOnce[0] = true;
                if (interest.merge(channel, -1, Integer::sum) == 0) {
                    interest.remove(channel);
                    waiting.remove(channel);
                    send(sub -> sub.unsubscribe(channel));
                }
            }
        };
    }

    /** Sends a command on the subscription when connected; otherwise the next connection subscribes anew. */
    private void send(java.util.function.Consumer<JedisPubSub> command) {
        if (pubSub != null && pubSub.isSubscribed()) {
            try {
                command.accept(pubSub);
            } catch (RuntimeException e) {
                LOG.debug("live feed command not sent ({}); the reconnect subscribes again", e.getMessage());
            }
        }
    }

    private void listen() {
        while (!closed) {
            HostAndPort master = redis.currentMaster();
            try (Jedis j = redis.dedicatedConnection()) {
                synchronized (this) {
                    subscribedTo = master;
                }
                JedisPubSub sub = new JedisPubSub() {
                    @Override
                    public void onSubscribe(String channel, int count) {
                        subscribed(this, channel);
                    }

                    @Override
                    public void onMessage(String channel, String message) {
                        forward(channel, message);
                    }
                };
                j.subscribe(sub, nodeChannel);
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.warn("live feed lost its Redis subscription ({}); retrying", e.getMessage());
                    synchronized (this) {
                        pubSub = null;
                    }
                    sleep(1000);
                }
            }
        }
    }

    /**
     * After a failover the sentinels name a new master (Jedis's pool hears {@code +switch-master}). The old master may
     * be dead, or alive as a replica that no longer hears this node's publishes first: the subscription is ended and
     * {@link #listen} opens it again on the new master, with every channel the listeners need.
     */
    private void watchMaster() {
        if (redis.clustered()) {
            // Classic pub/sub reaches every node of a cluster: the subscription stays on its node until that node fails,
            // which ends the connection and makes listen() subscribe on another.
            return;
        }
        while (!closed) {
            sleep(500);
            synchronized (this) {
                HostAndPort now;
                try {
                    now = redis.currentMaster();
                } catch (RuntimeException e) {
                    continue;
                }
                if (pubSub != null && pubSub.isSubscribed() && subscribedTo != null && !subscribedTo.equals(now)) {
                    LOG.info("Redis master moved from {} to {}; the live feed subscribes there", subscribedTo, now);
                    try {
                        pubSub.unsubscribe();
                    } catch (RuntimeException e) {
                        LOG.debug("unsubscribe from the old master failed ({}); reconnecting anyway", e.getMessage());
                    }
                }
            }
        }
    }

    private void subscribed(JedisPubSub sub, String channel) {
        List<Runnable> ready;
        synchronized (this) {
            if (channel.equals(nodeChannel)) {
                // A new connection: whatever listeners need now is subscribed on it.
                pubSub = sub;
                if (!interest.isEmpty()) {
                    for (String c : interest.keySet()) {
                        waiting.computeIfAbsent(c, k -> new ArrayList<>());
                    }
                    sub.subscribe(interest.keySet().toArray(new String[0]));
                }
                return;
            }
            ready = waiting.remove(channel);
        }
        if (ready != null) {
            ready.forEach(Runnable::run);
        }
    }

    private void forward(String channel, String message) {
        if (channel.equals(channels.staff())) {
            local.deliverToStaff(message);
        } else if (channel.startsWith(channels.conversationPrefix())) {
            local.deliverToConversation(channel.substring(channels.conversationPrefix().length()), message);
        }
    }

    /** True once the subscription is established (for start-up and tests). */
    public synchronized boolean isSubscribed() {
        return pubSub != null && pubSub.isSubscribed();
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
        synchronized (this) {
            send(JedisPubSub::unsubscribe);
        }
    }
}
