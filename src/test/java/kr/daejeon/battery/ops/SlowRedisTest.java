package kr.daejeon.battery.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Redis stops answering (DEBUG SLEEP) under concurrent turns: every call times out, turns get 503
 * with Retry-After (never a hang or a 500), /ready says not ready while /health keeps answering, the
 * event loop is never blocked (Vert.x's blocked-thread checker, set far below the Redis timeout,
 * stays silent), store errors are counted, and turns succeed again once Redis is back.
 */
class SlowRedisTest {

    static final String BLOCKED = "has been blocked for";

    @Test
    void timeoutsNotHangsAndTheEventLoopStaysFree() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try (TestRedis redis = TestRedis.ownInstance();
             TestServer server = TestServer.start(Map.of("REDIS_URL", redis.url(), "REDIS_TIMEOUT_MS", "300",
                     "EVENT_LOOP_WARN_MS", "200", "RATE_LIMIT_PER_MINUTE", "100000",
                     "CONVERSATION_RATE_LIMIT_PER_MINUTE", "100000", "REDIS_PROBE_SECONDS", "1"))) {
            assertTheCheckerIsHeard(logs);

            List<Conversation> conversations = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Conversation c = server.newConversation("ko");
                assertEquals(200, server.say(c, "신청 마감이 언제예요?").statusCode());
                conversations.add(c);
            }
            assertEquals(200, server.get("/metrics", null).statusCode());
            logs.list.clear();

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<Long> asleep = CompletableFuture.supplyAsync(() -> {
                redis.sleep(2.0);
                return System.nanoTime();
            });
            Thread.sleep(100);
            List<CompletableFuture<HttpResponse<String>>> turns = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Conversation c = conversations.get(i % conversations.size());
                turns.add(client.sendAsync(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id() + "/messages"))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + c.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"교육 일정 알려주세요 " + i + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // /ready reports the periodic write test (every second here), so it turns 503 within a probe and a timeout.
            int notReadyWhileAsleep = 0;
            AtomicInteger healthWhileAsleep = new AtomicInteger();
            while (!asleep.isDone()) {
                if (notReadyWhileAsleep == 0) {
                    HttpResponse<String> ready = server.send(HttpRequest.newBuilder(server.uri("/ready"))
                            .timeout(Duration.ofSeconds(5)).GET());
                    if (ready.statusCode() == 503 && !asleep.isDone()) {
                        notReadyWhileAsleep++;
                    }
                }
                HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/health"))
                        .timeout(Duration.ofSeconds(5)).GET());
                if (health.statusCode() == 200 && !asleep.isDone()) {
                    healthWhileAsleep.incrementAndGet();
                }
                Thread.sleep(50);
            }

            assertTrue(notReadyWhileAsleep > 0, "not ready while Redis does not answer");
            assertTrue(healthWhileAsleep.get() >= 3, "the event loop kept answering: " + healthWhileAsleep);
            int refused = 0;
            for (CompletableFuture<HttpResponse<String>> f : turns) {
                HttpResponse<String> r = f.get(15, TimeUnit.SECONDS);
                assertTrue(r.statusCode() == 200 || r.statusCode() == 503, r.statusCode() + " " + r.body());
                if (r.statusCode() == 503) {
                    refused++;
                    assertTrue(r.headers().firstValue("Retry-After").isPresent());
                    assertTrue(r.body().contains("\"error\""), r.body());
                }
            }
            assertTrue(refused > 0, "turns during the outage were refused, not queued forever");
            List<String> blocked = logs.list.stream().map(ILoggingEvent::getFormattedMessage)
                    .filter(m -> m.contains(BLOCKED)).toList();
            assertEquals(List.of(), blocked, "no blocked-thread warnings");

            // Turns abandoned during the outage may still take their conversation's lock when Redis wakes up
            // (their commands were queued); until that lease ends a turn is told to retry, as a client would.
            HttpResponse<String> after = server.say(conversations.get(0), "지원 자격이 어떻게 되나요?");
            long retryUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (after.statusCode() == 503 && System.nanoTime() < retryUntil) {
                assertTrue(after.headers().firstValue("Retry-After").isPresent(), after.body());
                Thread.sleep(500);
                after = server.say(conversations.get(0), "지원 자격이 어떻게 되나요?");
            }
            assertEquals(200, after.statusCode(), "recovered: " + after.body());
            String metrics = server.get("/metrics", null).body();
            assertTrue(MetricsAndDeadLettersTest.value(metrics, "chat_store_errors_total") > 0, "store errors counted");
        } finally {
            root.detachAppender(logs);
        }
    }

    /** Proves the warnings would be seen: a Vert.x whose event loop really is blocked is reported. */
    private static void assertTheCheckerIsHeard(ListAppender<ILoggingEvent> logs) throws Exception {
        Vertx blocking = Vertx.vertx(new VertxOptions().setMaxEventLoopExecuteTime(50)
                .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS).setBlockedThreadCheckInterval(10)
                .setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS));
        try {
            CompletableFuture<Void> done = new CompletableFuture<>();
            blocking.runOnContext(v -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                done.complete(null);
            });
            done.get(5, TimeUnit.SECONDS);
            assertTrue(logs.list.stream().anyMatch(e -> e.getFormattedMessage().contains(BLOCKED)),
                    "the blocked-thread checker's warnings reach the log");
        } finally {
            blocking.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }
}
