package kr.daejeon.battery.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** The server in Redis mode: conversations outlive server restarts; a Redis outage is a clean 503. */
class RedisModeServerTest {

    @Test
    void conversationSurvivesServerRestart() {
        Map<String, String> env = Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", "restart");
        Conversation c;
        try (TestServer first = TestServer.start(env)) {
            c = first.newConversation("ko");
            assertEquals(200, first.say(c, "신청 방법 알려주세요").statusCode());
            assertEquals("redis", TestServer.json(first.get("/ready", null)).get("store").asText());
        }
        try (TestServer second = TestServer.start(env)) {
            HttpResponse<String> r = second.say(c, "제출 서류는 뭐예요?");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals(5, TestServer.json(r).get("messages").get(0).get("id").asLong());
            JsonNode all = TestServer.json(second.get("/api/v1/conversations/" + c.id() + "/messages", c.token()));
            assertEquals(5, all.get("messages").size());
            assertEquals(401, second.say(new Conversation(c.id(), "forged"), "hi").statusCode());
        }
    }

    @Test
    void redisOutageGives503WithRetryAfterAndRecovers() {
        try (TestRedis own = TestRedis.ownInstance();
             TestServer server = TestServer.start(Map.of("REDIS_URL", own.url(), "REDIS_TIMEOUT_MS", "500"))) {
            Conversation c = server.newConversation("ko");
            assertEquals(200, server.say(c, "안녕하세요").statusCode());
            own.stop();
            HttpResponse<String> down = server.say(c, "신청 자격이 뭐예요?");
            assertEquals(503, down.statusCode(), down.body());
            assertEquals("store_unavailable", TestServer.json(down).get("error").get("code").asText());
            assertTrue(down.headers().firstValue("Retry-After").isPresent());
            assertEquals(503, server.postJson("/api/v1/conversations", "{}", null).statusCode());
            // /ready reports the periodic write test (every second in tests), not a check made per request.
            HttpResponse<String> ready = awaitReady(server, 503);
            assertEquals("not_ready", TestServer.json(ready).get("status").asText());
            assertEquals("unreachable", TestServer.json(ready).get("reason").asText());
            assertEquals(200, server.get("/health", null).statusCode());
            own.start();
            // The data was not persisted by this throwaway Redis, but the server reconnects on its own.
            awaitReady(server, 200);
            assertEquals(201, server.postJson("/api/v1/conversations", "{}", null).statusCode());
        }
    }

    private static HttpResponse<String> awaitReady(TestServer server, int status) {
        long deadline = System.currentTimeMillis() + 6000;
        HttpResponse<String> r = server.get("/ready", null);
        while (r.statusCode() != status && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            r = server.get("/ready", null);
        }
        assertEquals(status, r.statusCode(), r.body());
        return r;
    }
}
