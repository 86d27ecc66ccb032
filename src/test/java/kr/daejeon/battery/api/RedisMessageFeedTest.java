package kr.daejeon.battery.api;

import kr.daejeon.battery.infra.memory.EventBusMessageFeed;
import kr.daejeon.battery.infra.redis.RedisMessageFeed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Two nodes' feeds on one real Redis: a node hears a conversation only while it has a listener for it,
 * staff consoles hear everything, and subscriptions come back after Redis restarts.
 */
class RedisMessageFeedTest {

    private TestRedis redis;
    private Vertx vertx;
    private RedisClient client;
    private RedisMessageFeed nodeA;
    private RedisMessageFeed nodeB;
    private final List<String> heardOnB = new CopyOnWriteArrayList<>();
    private final List<String> staffOnB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        redis = TestRedis.ownInstance();
        vertx = Vertx.vertx();
        client = new RedisClient(redis.url(), "feed", 4, Duration.ofMillis(500));
        nodeA = new RedisMessageFeed(client, redis.url(), Duration.ofMillis(500), new EventBusMessageFeed(vertx.eventBus()));
        // Node B has an event bus of its own, as a separate process would.
        Vertx other = Vertx.vertx();
        other.eventBus().<String>consumer(EventBusMessageFeed.address("c1"), m -> heardOnB.add(m.body()));
        other.eventBus().<String>consumer(EventBusMessageFeed.STAFF_ADDRESS, m -> staffOnB.add(m.body()));
        nodeB = new RedisMessageFeed(client, redis.url(), Duration.ofMillis(500), new EventBusMessageFeed(other.eventBus()));
        closeLater = other;
        waitFor(() -> nodeA.isSubscribed() && nodeB.isSubscribed());
    }

    private Vertx closeLater;

    @AfterEach
    void stop() {
        nodeA.close();
        nodeB.close();
        client.close();
        vertx.close();
        closeLater.close();
        redis.close();
    }

    @Test
    void aNodeHearsAConversationOnlyWhileItHasAListenerForIt() throws Exception {
        String channel = nodeB.channels().conversation("c1");
        nodeA.publish("c1", List.of(message(1, "before anyone listens")));
        assertEquals(0, subscribers(channel));

        CountDownLatch ready = new CountDownLatch(1);
        long[] subscribedWhenReady = new long[1];
        MessageFeed.Listening listening = nodeB.listen("c1", () -> {
            subscribedWhenReady[0] = subscribers(channel);
            ready.countDown();
        });
        assertTrue(ready.await(5, TimeUnit.SECONDS));
        assertEquals(1, subscribedWhenReady[0], "ready only once Redis has the subscription");
        // A second listener on the same node shares the subscription and is ready at once.
        CountDownLatch second = new CountDownLatch(1);
        MessageFeed.Listening another = nodeB.listen("c1", second::countDown);
        assertTrue(second.await(1, TimeUnit.SECONDS));

        nodeA.publish("c1", List.of(message(2, "while B listens")));
        nodeA.publish("c2", List.of(message(1, "another conversation")));
        waitFor(() -> heardOnB.size() == 1);
        assertTrue(heardOnB.get(0).contains("while B listens"), heardOnB.toString());
        assertEquals(0, staffOnB.size(), "no console on B: staff events do not travel there");

        listening.close();
        listening.close();
        assertEquals(1, subscribers(channel), "the other listener still needs it");
        another.close();
        waitFor(() -> subscribers(channel) == 0);
        nodeA.publish("c1", List.of(message(3, "after B stopped listening")));
        Thread.sleep(200);
        assertEquals(1, heardOnB.size());
    }

    @Test
    void aStaffConsoleHearsEveryConversationAndTicket() throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        MessageFeed.Listening console = nodeB.listen(null, ready::countDown);
        assertTrue(ready.await(5, TimeUnit.SECONDS));
        nodeA.publish("c7", List.of(message(4, "<b>a customer</b>")));
        waitFor(() -> staffOnB.size() == 1);
        assertTrue(staffOnB.get(0).startsWith("{\"type\":\"messages\",\"conversationId\":\"c7\""), staffOnB.get(0));
        assertEquals(0, heardOnB.size());
        console.close();
        waitFor(() -> subscribers(nodeB.channels().staff()) == 0);
    }

    @Test
    void subscriptionsComeBackAfterRedisRestarts() throws Exception {
        CountDownLatch ready = new CountDownLatch(1);
        nodeB.listen("c1", ready::countDown);
        assertTrue(ready.await(5, TimeUnit.SECONDS));
        redis.stop();
        redis.start();
        String channel = nodeB.channels().conversation("c1");
        waitFor(() -> subscribers(channel) == 1);
        nodeA.publish("c1", List.of(message(5, "after the restart")));
        waitFor(() -> heardOnB.size() == 1);
        assertTrue(heardOnB.get(0).contains("after the restart"));
    }

    private long subscribers(String channel) {
        try (Jedis j = redis.client()) {
            Map<String, Long> counts = j.pubsubNumSub(channel);
            return counts.getOrDefault(channel, 0L);
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static Message message(long id, String text) {
        return Message.user(text, Instant.parse("2027-03-01T00:00:00Z"), "greeting", 0.9).withId(id);
    }

    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("condition not met in 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
