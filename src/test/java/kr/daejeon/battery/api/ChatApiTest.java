package kr.daejeon.battery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.daejeon.battery.support.SseClient;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint and every error case of the public chat API, over real HTTP. */
class ChatApiTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), "JSON error");
        JsonNode error = TestServer.json(r).get("error");
        assertNotNull(error, r.body());
        assertEquals(code, error.get("code").asText(), r.body());
        assertFalse(error.get("message").asText().isBlank());
    }

    @Test
    void createReturnsIdSecretTokenAndGreeting() {
        HttpResponse<String> r = server.postJson("/api/v1/conversations", "{\"locale\":\"en\"}", null);
        assertEquals(201, r.statusCode());
        JsonNode n = TestServer.json(r);
        assertEquals("en", n.get("locale").asText());
        // 32 random bytes: well above 128 bits.
        assertTrue(Base64.getUrlDecoder().decode(n.get("token").asText()).length >= 16);
        JsonNode greeting = n.get("messages").get(0);
        assertEquals("bot", greeting.get("from").asText());
        assertTrue(greeting.get("text").asText().startsWith("Hello"));
        assertTrue(greeting.get("quickReplies").size() >= 3);
        assertEquals(1, greeting.get("id").asLong());
    }

    @Test
    void createWithoutBodyDefaultsToKorean() {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, r.statusCode(), r.body());
        assertEquals("ko", TestServer.json(r).get("locale").asText());
        HttpResponse<String> form = server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(201, form.statusCode(), form.body());
    }

    @Test
    void tokensAndIdsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            Conversation c = server.newConversation("ko");
            assertTrue(seen.add(c.id()));
            assertTrue(seen.add(c.token()));
        }
    }

    @Test
    void createRejectsBadLocaleAndBadBodies() {
        assertError(server.postJson("/api/v1/conversations", "{\"locale\":\"fr\"}", null), 400, "invalid_locale");
        assertError(server.postJson("/api/v1/conversations", "{\"locale\":5}", null), 400, "invalid_locale");
        assertError(server.postJson("/api/v1/conversations", "[1,2]", null), 400, "invalid_body");
        assertError(server.postJson("/api/v1/conversations", "{\"locale\":", null), 400, "malformed_json");
    }

    @Test
    void turnAnswersFromFaqAndReportsIntent() {
        Conversation c = server.newConversation("ko");
        HttpResponse<String> r = server.say(c, "신청 마감이 언제예요?");
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = TestServer.json(r);
        assertEquals("application_deadline", n.get("intent").asText());
        assertTrue(n.get("confidence").asDouble() > 0 && n.get("confidence").asDouble() <= 1);
        assertFalse(n.get("handoff").asBoolean());
        JsonNode reply = n.get("messages").get(0);
        assertEquals("bot", reply.get("from").asText());
        assertTrue(reply.get("text").asText().contains("접수"), reply.toString());
        assertTrue(reply.get("quickReplies").size() > 0);
        assertNotNull(reply.get("createdAt"));
        assertEquals(3, reply.get("id").asLong());
    }

    @Test
    void transcriptIsInOrderAndPagesWithAfter() {
        Conversation c = server.newConversation("en");
        server.say(c, "How do I apply?");
        server.say(c, "What documents are required?");
        HttpResponse<String> all = server.get("/api/v1/conversations/" + c.id() + "/messages", c.token());
        assertEquals(200, all.statusCode());
        JsonNode messages = TestServer.json(all).get("messages");
        assertEquals(5, messages.size());
        List<String> from = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            assertEquals(i + 1, messages.get(i).get("id").asLong());
            from.add(messages.get(i).get("from").asText());
        }
        assertEquals(List.of("bot", "user", "bot", "user", "bot"), from);
        assertEquals("What documents are required?", messages.get(3).get("text").asText());
        JsonNode after = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages?after=3", c.token()))
                .get("messages");
        assertEquals(2, after.size());
        assertEquals(4, after.get(0).get("id").asLong());
        assertError(server.get("/api/v1/conversations/" + c.id() + "/messages?after=abc", c.token()), 400,
                "invalid_parameter");
        assertError(server.get("/api/v1/conversations/" + c.id() + "/messages?after=-1", c.token()), 400,
                "invalid_parameter");
    }

    @Test
    void wrongMissingOrForeignTokenIsRejected() {
        Conversation a = server.newConversation("ko");
        Conversation b = server.newConversation("ko");
        String path = "/api/v1/conversations/" + a.id() + "/messages";
        assertError(server.postJson(path, "{\"text\":\"안녕\"}", null), 401, "invalid_token");
        assertError(server.postJson(path, "{\"text\":\"안녕\"}", "not-the-token"), 401, "invalid_token");
        assertError(server.postJson(path, "{\"text\":\"안녕\"}", b.token()), 401, "invalid_token");
        assertError(server.get(path, b.token()), 401, "invalid_token");
        assertError(server.send(HttpRequest.newBuilder(server.uri(path)).header("Authorization", "Basic abc").GET()), 401,
                "invalid_token");
        // Nothing was stored by the rejected attempts.
        assertEquals(1, TestServer.json(server.get(path, a.token())).get("messages").size());
    }

    @Test
    void unknownConversationIs404() {
        assertError(server.postJson("/api/v1/conversations/doesnotexist/messages", "{\"text\":\"hi\"}", "x"), 404,
                "conversation_not_found");
        assertError(server.get("/api/v1/conversations/doesnotexist/messages", "x"), 404, "conversation_not_found");
        assertError(server.get("/api/v1/conversations/doesnotexist/events", "x"), 404, "conversation_not_found");
    }

    @Test
    void malformedAndWrongTypedBodiesAre400() {
        Conversation c = server.newConversation("ko");
        String path = "/api/v1/conversations/" + c.id() + "/messages";
        assertError(server.postJson(path, "{\"text\":", c.token()), 400, "malformed_json");
        assertError(server.postJson(path, "not json", c.token()), 400, "malformed_json");
        assertError(server.postJson(path, "", c.token()), 400, "invalid_body");
        assertError(server.postJson(path, "\"just a string\"", c.token()), 400, "invalid_body");
        assertError(server.postJson(path, "{}", c.token()), 400, "missing_text");
        assertError(server.postJson(path, "{\"text\":null}", c.token()), 400, "missing_text");
        assertError(server.postJson(path, "{\"text\":42}", c.token()), 400, "invalid_text");
        assertError(server.postJson(path, "{\"text\":[\"a\"]}", c.token()), 400, "invalid_text");
        assertError(server.postJson(path, "{\"text\":{\"a\":1}}", c.token()), 400, "invalid_text");
        assertError(server.postJson(path, "{\"text\":\"   \"}", c.token()), 400, "empty_message");
        assertError(server.postJson(path, "[".repeat(5000) + "]".repeat(5000), c.token()), 400, "malformed_json");
        byte[] invalidUtf8 = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertError(server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + c.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8))), 400, "malformed_json");
        assertEquals(1, TestServer.json(server.get(path, c.token())).get("messages").size());
    }

    @Test
    void tooLongMessageGetsClearError() {
        Conversation c = server.newConversation("ko");
        HttpResponse<String> r = server.say(c, "가".repeat(10_000));
        assertError(r, 400, "message_too_long");
        assertTrue(TestServer.json(r).get("error").get("message").asText().contains("2000"));
        assertEquals(200, server.say(c, "가".repeat(2000)).statusCode());
    }

    @Test
    void hugeBodyIs413() {
        Conversation c = server.newConversation("ko");
        String huge = "{\"text\":\"" + "a".repeat(200_000) + "\"}";
        assertError(server.postJson("/api/v1/conversations/" + c.id() + "/messages", huge, c.token()), 413,
                "body_too_large");
    }

    @Test
    void wrongContentTypeIs415() {
        Conversation c = server.newConversation("ko");
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id() + "/messages"))
                .header("Content-Type", "text/plain").header("Authorization", "Bearer " + c.token())
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}")));
        assertError(r, 415, "unsupported_media_type");
        HttpResponse<String> latin1 = server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations"))
                .header("Content-Type", "application/json; charset=iso-8859-1")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertError(latin1, 415, "unsupported_media_type");
        HttpResponse<String> ok = server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations"))
                .header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertEquals(201, ok.statusCode());
    }

    @Test
    void oddTextStillGetsAnAnswer() {
        Conversation c = server.newConversation("ko");
        for (String text : List.of("😀😀😀", "\u0001\u0002\u0003", "!!!???", "１２３４", "a", "<script>alert(1)</script>")) {
            HttpResponse<String> r = server.say(c, text);
            assertEquals(200, r.statusCode(), text + " -> " + r.body());
            assertTrue(TestServer.json(r).get("messages").size() >= 1);
        }
        JsonNode stored = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages?after=10", c.token()))
                .get("messages");
        assertEquals("<script>alert(1)</script>", stored.get(stored.size() - 2).get("text").asText());
    }

    @Test
    void unknownPathsAndMethodsAreJsonErrors() {
        assertError(server.get("/api/v1/nothing", null), 404, "not_found");
        assertError(server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations")).DELETE()), 405,
                "method_not_allowed");
    }

    @Test
    void healthAndReady() {
        HttpResponse<String> health = server.get("/health", null);
        assertEquals(200, health.statusCode());
        assertEquals("ok", TestServer.json(health).get("status").asText());
        HttpResponse<String> ready = server.get("/ready", null);
        assertEquals(200, ready.statusCode());
        assertEquals("memory", TestServer.json(ready).get("store").asText());
    }

    @Test
    void securityHeadersOnResponses() {
        HttpResponse<String> r = server.get("/health", null);
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(null));
        assertEquals("no-store", r.headers().firstValue("Cache-Control").orElse(null));
    }

    @Test
    void eventsStreamReplaysAfterLastEventIdThenDeliversLive() throws Exception {
        Conversation c = server.newConversation("ko");
        server.say(c, "신청 방법 알려주세요");
        assertError(server.get("/api/v1/conversations/" + c.id() + "/events", "wrong"), 401, "invalid_token");
        try (SseClient sse = new SseClient(server.uri("/api/v1/conversations/" + c.id() + "/events"), c.token(), "1")) {
            assertEquals(200, sse.status());
            assertTrue(sse.contentType().startsWith("text/event-stream"));
            assertEquals(2, sse.next(5000).id());
            assertEquals(3, sse.next(5000).id());
            server.say(c, "제출 서류는요?");
            SseClient.Event user = sse.next(5000);
            assertEquals(4, user.id());
            assertEquals("user", user.data().get("from").asText());
            SseClient.Event bot = sse.next(5000);
            assertEquals(5, bot.id());
            assertEquals("bot", bot.data().get("from").asText());
            assertNull(sse.next(300), "no duplicates");
        }
        try (SseClient again = new SseClient(server.uri("/api/v1/conversations/" + c.id() + "/events"), c.token(), "4")) {
            assertEquals(5, again.next(5000).id());
            assertNull(again.next(300));
        }
    }

    @Test
    void eventsReplayMoreThanOnePageWithoutGaps() throws Exception {
        try (TestServer busy = TestServer.start(Map.of("CONVERSATION_RATE_LIMIT_PER_MINUTE", "100000"))) {
            Conversation c = busy.newConversation("ko");
            for (int i = 0; i < 300; i++) {
                assertEquals(200, busy.say(c, "안녕하세요 " + i).statusCode());
            }
            try (SseClient sse = new SseClient(busy.uri("/api/v1/conversations/" + c.id() + "/events"), c.token(), "0")) {
                assertEquals(200, sse.status());
                for (long expected = 1; expected <= 601; expected++) {
                    // Generous: this checks order and completeness, not speed (CI machines are shared).
                    SseClient.Event e = sse.next(15_000);
                    assertNotNull(e, "event " + expected);
                    assertEquals(expected, e.id());
                }
                busy.say(c, "교육 일정 알려주세요");
                assertEquals(602, sse.next(5000).id());
            }
        }
    }

    @Test
    void clientRateLimitGives429WithRetryAfter() {
        try (TestServer limited = TestServer.start(Map.of("RATE_LIMIT_PER_MINUTE", "5"))) {
            int tooMany = 0;
            for (int i = 0; i < 8; i++) {
                HttpResponse<String> r = limited.postJson("/api/v1/conversations", "{}", null);
                if (r.statusCode() == 429) {
                    tooMany++;
                    assertError(r, 429, "rate_limited");
                    assertTrue(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
                }
            }
            assertEquals(3, tooMany);
            assertEquals(200, limited.get("/health", null).statusCode());
        }
    }

    @Test
    void conversationRateLimitGives429() {
        try (TestServer limited = TestServer.start(Map.of("CONVERSATION_RATE_LIMIT_PER_MINUTE", "3"))) {
            Conversation c = limited.newConversation("ko");
            for (int i = 0; i < 3; i++) {
                assertEquals(200, limited.say(c, "안녕하세요").statusCode());
            }
            assertError(limited.say(c, "안녕하세요"), 429, "rate_limited");
            Conversation other = limited.newConversation("ko");
            assertEquals(200, limited.say(other, "안녕하세요").statusCode());
        }
    }

    @Test
    void corsOnlyForConfiguredOrigins() {
        try (TestServer cors = TestServer.start(Map.of("CORS_ORIGINS", "https://www.daejeon.example"))) {
            HttpResponse<String> ok = cors.send(HttpRequest.newBuilder(cors.uri("/api/v1/conversations"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://www.daejeon.example").header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization, content-type"));
            assertEquals(204, ok.statusCode());
            assertEquals("https://www.daejeon.example", ok.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
            assertTrue(ok.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Authorization"));
            // The widget on another site sends a key per message and reads Retry-After to retry a 503 (issue 20 #2).
            assertTrue(ok.headers().firstValue("Access-Control-Allow-Headers").orElse("").contains("Idempotency-Key"));
            assertTrue(ok.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("DELETE"));
            HttpResponse<String> evil = cors.send(HttpRequest.newBuilder(cors.uri("/api/v1/conversations"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST"));
            assertError(evil, 403, "origin_not_allowed");
            HttpResponse<String> post = cors.send(HttpRequest.newBuilder(cors.uri("/api/v1/conversations"))
                    .header("Origin", "https://evil.example").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertTrue(post.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), "no CORS grant for other origins");
            HttpResponse<String> allowedPost = cors.send(HttpRequest.newBuilder(cors.uri("/api/v1/conversations"))
                    .header("Origin", "https://www.daejeon.example").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            assertTrue(allowedPost.headers().firstValue("Access-Control-Expose-Headers").orElse("").contains("Retry-After"));
            assertEquals(201, allowedPost.statusCode());
            assertEquals("https://www.daejeon.example", allowedPost.headers().firstValue("Access-Control-Allow-Origin").orElse(null));
        }
        assertThrows(kr.daejeon.battery.config.ConfigException.class,
                () -> TestServer.start(Map.of("CORS_ORIGINS", "www.daejeon.example/path")));
    }

    @Test
    void demoPageAndWidgetAreServedWithStrictCsp() {
        HttpResponse<String> page = server.get("/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/widget.js"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe"), csp);
        HttpResponse<String> js = server.get("/widget.js", null);
        assertEquals(200, js.statusCode());
        assertTrue(!js.body().contains("eval(") && !js.body().contains("innerHTML"), "no eval, no HTML injection");
        assertEquals("*", server.get("/widget.css", null).headers().firstValue("Access-Control-Allow-Origin").orElse(null));
    }

    @Test
    void theSiteAndTheConsoleHaveAnIcon() {
        // Browsers ask for /favicon.ico on every page; it was a 404 JSON error.
        HttpResponse<String> icon = server.get("/favicon.ico", null);
        assertEquals(200, icon.statusCode(), icon.body());
        assertTrue(icon.headers().firstValue("Content-Type").orElse("").startsWith("image/"), icon.headers().toString());
        for (String page : new String[] {"/", "/staff/"}) {
            assertTrue(server.get(page, null).body().contains("<link rel=\"icon\" href=\"/favicon.ico\">"), page);
        }
    }

    @Test
    void tokenIsNotAcceptedInUrl() {
        Conversation c = server.newConversation("ko");
        HttpResponse<String> r = server.get("/api/v1/conversations/" + c.id() + "/messages?token=" + c.token(), null);
        assertError(r, 401, "invalid_token");
        assertNotEquals(c.id(), c.token());
    }
}
