package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** Many turns racing on one conversation (double clicks, two tabs, two nodes): all land, in order, once. */
class ConcurrentTurnsTest {

    private static final int TURNS = 40;

    @Test
    void memoryStore() throws Exception {
        try (TestServer server = TestServer.start(Map.of("CONVERSATION_RATE_LIMIT_PER_MINUTE", "1000"))) {
            race(List.of(server, server));
        }
    }

    @Test
    void redisStoreAcrossTwoServerNodes() throws Exception {
        TestRedis redis = TestRedis.shared();
        Map<String, String> env = Map.of("REDIS_URL", redis.url(), "REDIS_KEY_PREFIX", "race",
                "CONVERSATION_RATE_LIMIT_PER_MINUTE", "1000");
        try (TestServer a = TestServer.start(env); TestServer b = TestServer.start(env)) {
            race(List.of(a, b));
        }
    }

    private void race(List<TestServer> nodes) throws Exception {
        Conversation c = nodes.get(0).newConversation("ko");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<JsonNode>> acks = new ArrayList<>();
        try {
            for (int i = 0; i < TURNS; i++) {
                TestServer node = nodes.get(i % nodes.size());
                String text = "질문 " + i + " 신청 자격이 뭐예요?";
                acks.add(pool.submit(() -> {
                    var r = node.say(c, text);
                    assertEquals(200, r.statusCode(), r.body());
                    return TestServer.json(r);
                }));
            }
            for (Future<JsonNode> f : acks) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        JsonNode messages = TestServer.json(nodes.get(1).get("/api/v1/conversations/" + c.id() + "/messages", c.token()))
                .get("messages");
        assertEquals(1 + 2 * TURNS, messages.size());
        Set<String> userTexts = new HashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            assertEquals(i + 1, m.get("id").asLong());
            if (i % 2 == 1) {
                assertEquals("user", m.get("from").asText());
                assertTrue(userTexts.add(m.get("text").asText()), "stored once: " + m);
                assertEquals("bot", messages.get(i + 1).get("from").asText(), "answer right after its question");
            }
        }
        assertEquals(TURNS, userTexts.size());
        for (Future<JsonNode> f : acks) {
            long ackedId = f.get().get("userMessage").get("id").asLong();
            assertEquals(f.get().get("userMessage").get("text").asText(), messages.get((int) ackedId - 1).get("text").asText());
        }
    }
}
