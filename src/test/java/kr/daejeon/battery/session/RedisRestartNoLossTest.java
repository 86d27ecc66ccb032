package kr.daejeon.battery.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

/**
 * Redis stops and comes back (with AOF persistence, as production runs it) in the middle of a stream
 * of turns: turns during the outage get 503 with Retry-After, never a hang or a 500; the server
 * recovers by itself; and every message it acknowledged is in the stored transcripts afterwards.
 */
class RedisRestartNoLossTest {

    @Test
    void acknowledgedMessagesSurviveARedisRestart() throws Exception {
        int port = TestRedis.freePort();
        Path dir = Files.createTempDirectory("redis-aof");
        RedisServer redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("appendonly yes")
                .setting("appendfsync always").setting("save \"\"").setting("dir " + dir.toAbsolutePath()).build();
        redis.start();
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", "redis://127.0.0.1:" + port, "REDIS_TIMEOUT_MS", "500",
                "CONVERSATION_RATE_LIMIT_PER_MINUTE", "100000", "RATE_LIMIT_PER_MINUTE", "100000"))) {
            List<Conversation> conversations = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                conversations.add(server.newConversation("ko"));
            }
            Map<String, Set<String>> acknowledged = new HashMap<>();
            conversations.forEach(c -> acknowledged.put(c.id(), java.util.Collections.synchronizedSet(new HashSet<>())));
            int[] statuses = new int[600];
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> senders = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 6000;
            for (Conversation c : conversations) {
                senders.add(pool.submit(() -> {
                    int n = 0;
                    while (System.currentTimeMillis() < deadline) {
                        String text = "질문 " + n++ + " 신청 자격이 뭐예요?";
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = server.say(c, text);
                        assertTrue((System.nanoTime() - t0) / 1_000_000 < 5000, "no hang");
                        synchronized (statuses) {
                            statuses[Math.min(r.statusCode(), 599)]++;
                        }
                        if (r.statusCode() == 200) {
                            acknowledged.get(c.id()).add(text);
                        } else {
                            assertEquals(503, r.statusCode(), r.body());
                            assertTrue(r.headers().firstValue("Retry-After").isPresent());
                        }
                    }
                    return null;
                }));
            }
            Thread.sleep(1500);
            redis.stop();
            Thread.sleep(1500);
            redis.start();
            for (Future<?> f : senders) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdownNow();
            assertTrue(statuses[200] > 20, "turns were served before and after");
            assertTrue(statuses[503] > 0, "the outage was noticed");
            assertEquals(0, statuses[500], "never a 500");
            assertEquals(200, server.get("/ready", null).statusCode(), "recovered by itself");
            for (Conversation c : conversations) {
                Set<String> stored = new HashSet<>();
                long after = 0;
                while (true) {
                    // The transcript comes in pages of at most 500 messages.
                    JsonNode page = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages?after=" + after,
                            c.token())).get("messages");
                    if (page.isEmpty()) {
                        break;
                    }
                    page.forEach(m -> stored.add(m.get("text").asText()));
                    after = page.get(page.size() - 1).get("id").asLong();
                }
                for (String text : acknowledged.get(c.id())) {
                    assertTrue(stored.contains(text), "acknowledged but missing: " + text);
                }
            }
        } finally {
            if (redis.isActive()) {
                redis.stop();
            }
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
