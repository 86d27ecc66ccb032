package kr.daejeon.battery.infra.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on a real Redis: a job runs once and leaves nothing behind; a job a node took and never finished (the
 * node died in the middle of a delivery's retries) is finished by another node.
 */
class RedisOutboxTest {

    /** A client of the Redis under test (a cluster in {@link ClusterOutboxTest}). */
    RedisClient newClient(String prefix) {
        return new RedisClient(TestRedis.shared().url(), prefix, 4, Duration.ofSeconds(2));
    }

    private String prefix;
    private RedisClient a;
    private RedisClient b;

    @BeforeEach
    void clients() {
        prefix = "ob" + Tokens.random(6);
        a = newClient(prefix);
        b = newClient(prefix);
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
    }

    @Test
    void aJobRunsOnceAndNothingOfItStays() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(2);
        try (RedisOutbox outbox = new RedisOutbox(a, Duration.ofSeconds(60), 8)) {
            outbox.handle("greet", payload -> {
                ran.add(payload);
                done.countDown();
                return CompletableFuture.completedFuture(true);
            });
            outbox.add("greet", "before start");
            outbox.start();
            outbox.add("greet", "after start");
            assertTrue(done.await(10, TimeUnit.SECONDS), "both jobs ran: " + ran);
            waitUntil(() -> outbox.backlog() == 0 && outbox.pending() == 0, "the finished jobs are removed");
            Thread.sleep(300);
            assertEquals(List.of("before start", "after start"), ran, "each job ran exactly once, in order");
        }
    }

    @Test
    void aJobLeftUnfinishedByADeadNodeIsFinishedByAnother() throws Exception {
        CountDownLatch takenByA = new CountDownLatch(1);
        RedisOutbox nodeA = new RedisOutbox(a, Duration.ofSeconds(1), 8);
        // Node A takes the job and never finishes it (a platform retry in progress when the node dies).
        nodeA.handle("deliver", payload -> {
            takenByA.countDown();
            return new CompletableFuture<>();
        });
        nodeA.start();
        nodeA.add("deliver", "staff reply #1");
        assertTrue(takenByA.await(10, TimeUnit.SECONDS), "node A took the job");
        nodeA.close();
        a.close();

        List<String> ranOnB = new CopyOnWriteArrayList<>();
        try (RedisOutbox nodeB = new RedisOutbox(b, Duration.ofSeconds(1), 8)) {
            nodeB.handle("deliver", payload -> {
                ranOnB.add(payload);
                return CompletableFuture.completedFuture(true);
            });
            nodeB.start();
            waitUntil(() -> !ranOnB.isEmpty(), "node B finished node A's job");
            assertEquals(List.of("staff reply #1"), ranOnB);
            waitUntil(() -> nodeB.backlog() == 0 && nodeB.pending() == 0, "and removed it");
        }
        a = newClient(prefix);
    }

    @Test
    void aJobWhoseHandlerFailedIsRunAgain() throws Exception {
        List<String> attempts = new CopyOnWriteArrayList<>();
        try (RedisOutbox outbox = new RedisOutbox(a, Duration.ofSeconds(1), 8)) {
            outbox.handle("webhook", payload -> {
                attempts.add(payload);
                return attempts.size() == 1 ? CompletableFuture.failedFuture(new IllegalStateException("store down"))
                        : CompletableFuture.completedFuture(true);
            });
            outbox.start();
            outbox.add("webhook", "ticket T-1");
            waitUntil(() -> attempts.size() >= 2, "the job ran again after its handler failed");
            waitUntil(() -> outbox.backlog() == 0, "and was removed once it finished");
            assertEquals(List.of("ticket T-1", "ticket T-1"), attempts);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(50);
        }
    }
}
