package kr.daejeon.battery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.Map;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** "Was it helpful?" over real HTTP, in memory and Redis mode: rating, validation, idempotency, metrics, the staff list. */
class AnswerFeedbackApiTest {

    private static HttpResponse<String> rate(TestServer server, TestServer.Conversation c, Object messageId, String body) {
        return server.postJson("/api/v1/conversations/" + c.id() + "/messages/" + messageId + "/feedback", body, c.token());
    }

    private static double metric(TestServer server, String series) {
        String text = server.get("/metrics", null).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(series) + " ([0-9.eE+-]+)$",
                java.util.regex.Pattern.MULTILINE).matcher(text);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String staffCookie(TestServer server) {
        HttpResponse<String> r = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
        String c = r.headers().firstValue("Set-Cookie").orElseThrow();
        return c.substring(0, c.indexOf(';'));
    }

    private static HttpResponse<String> staffGet(TestServer server, String cookie, String path) {
        return server.send(java.net.http.HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).GET());
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void answersAreRatedOncePerAnswerCountedAndListedForStaff(String mode) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("STAFF_ACCOUNTS_FILE",
                TestStaff.accountsFile("kim:김담당:agent").toString()));
        if (mode.equals("redis")) {
            env.put("REDIS_URL", TestRedis.shared().url());
            env.put("REDIS_KEY_PREFIX", "fbapi" + kr.daejeon.battery.conversation.Tokens.random(6));
        }
        try (TestServer server = TestServer.start(env)) {
            TestServer.Conversation c = server.newConversation("ko");
            JsonNode turn = TestServer.json(server.say(c, "신청 마감이 언제예요?"));
            long answer = turn.get("messages").get(0).get("id").asLong();
            String intent = turn.get("intent").asText();
            String up = "assistant_answer_feedback_total{intent=\"" + intent + "\",rating=\"up\"}";
            String down = "assistant_answer_feedback_total{intent=\"" + intent + "\",rating=\"down\"}";

            HttpResponse<String> r = rate(server, c, answer, "{\"rating\":\"up\"}");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("up", TestServer.json(r).get("rating").asText());
            assertEquals(200, rate(server, c, answer, "{\"rating\":\"up\"}").statusCode());
            assertEquals(1.0, metric(server, up), "the same rating twice counts once");

            String staff = staffCookie(server);
            assertEquals(0, TestServer.json(staffGet(server, staff, "/staff/api/feedback")).get("answers").size());

            assertEquals(200, rate(server, c, answer, "{\"rating\":\"down\"}").statusCode());
            assertEquals(1.0, metric(server, down));
            JsonNode listed = TestServer.json(staffGet(server, staff, "/staff/api/feedback")).get("answers");
            assertEquals(1, listed.size(), listed.toString());
            JsonNode item = listed.get(0);
            assertEquals("신청 마감이 언제예요?", item.get("question").asText());
            assertEquals(turn.get("messages").get(0).get("text").asText(), item.get("answer").asText());
            assertEquals(intent, item.get("intent").asText());
            assertEquals(c.id(), item.get("conversationId").asText());
            assertTrue(item.hasNonNull("at"));

            // Without a staff login the list is closed.
            assertEquals(401, server.get("/staff/api/feedback", null).statusCode());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"rating\":\"meh\"}", "{\"rating\":1}", "{}", "[]", "not json"})
    void aBadRatingIs400(String body) {
        try (TestServer server = TestServer.start(Map.of())) {
            TestServer.Conversation c = server.newConversation("ko");
            HttpResponse<String> r = rate(server, c, 1, body);
            assertEquals(400, r.statusCode(), r.body());
            assertEquals("invalid_rating", TestServer.json(r).get("error").get("code").asText());
        }
    }

    @org.junit.jupiter.api.Test
    void unknownMessagesConversationsAndTokensAreClientErrors() {
        try (TestServer server = TestServer.start(Map.of())) {
            TestServer.Conversation c = server.newConversation("ko");
            JsonNode turn = TestServer.json(server.say(c, "신청 마감이 언제예요?"));
            long userMessage = turn.get("userMessage").get("id").asLong();
            for (Object id : new Object[] {99, 0, "abc", userMessage}) {
                HttpResponse<String> r = rate(server, c, id, "{\"rating\":\"up\"}");
                assertEquals(404, r.statusCode(), id + ": " + r.body());
                assertEquals("message_not_found", TestServer.json(r).get("error").get("code").asText());
            }
            assertEquals(401, rate(server, new TestServer.Conversation(c.id(), "wrong"), 1, "{\"rating\":\"up\"}").statusCode());
            HttpResponse<String> gone = rate(server, new TestServer.Conversation("nope", c.token()), 1, "{\"rating\":\"up\"}");
            assertEquals(404, gone.statusCode());
            assertEquals("conversation_not_found", TestServer.json(gone).get("error").get("code").asText());
        }
    }
}
