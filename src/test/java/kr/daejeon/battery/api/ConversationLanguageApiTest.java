package kr.daejeon.battery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Test;

/** PATCH /api/v1/conversations/{id} {"locale":…}: the customer's choice of language, on the server. */
class ConversationLanguageApiTest {

    private static HttpResponse<String> patch(TestServer server, String id, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + id))
                .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b);
    }

    @Test
    void switchingToEnglishGreetsInEnglishAndTheNextAnswersFollow() {
        try (TestServer server = TestServer.start(Map.of())) {
            TestServer.Conversation c = server.newConversation("ko");
            HttpResponse<String> r = patch(server, c.id(), c.token(), "{\"locale\":\"en\"}");
            assertEquals(200, r.statusCode(), r.body());
            JsonNode body = TestServer.json(r);
            assertEquals("en", body.get("locale").asText());
            assertEquals(1, body.get("messages").size());
            JsonNode greeting = body.get("messages").get(0);
            assertEquals(2, greeting.get("id").asLong());
            assertTrue(greeting.get("text").asText().startsWith("Hello!"), greeting.toString());
            assertTrue(greeting.get("quickReplies").toString().contains("Application period"), greeting.toString());

            // Again the same language: nothing new is said.
            assertEquals(0, TestServer.json(patch(server, c.id(), c.token(), "{\"locale\":\"en-GB\"}")).get("messages").size());
            // A message without words now gets an English answer (it would be Korean in a Korean conversation).
            JsonNode turn = TestServer.json(server.say(c, "???"));
            assertTrue(turn.get("messages").get(0).get("text").asText().matches("(?s)[^가-힣]*"), turn.toString());
        }
    }

    /** Turn on once ConversationEngine.respond decides the language with LanguagePolicy.decide (see the widget branch's report). */
    @Test
    void anEmailAddressOrAUrlDoesNotSwitchAKoreanConversation() {
        try (TestServer server = TestServer.start(Map.of())) {
            TestServer.Conversation c = server.newConversation("ko");
            for (String text : new String[] {"kim@battery.co.kr", "https://www.djtp.or.kr/", "PDF"}) {
                JsonNode turn = TestServer.json(server.say(c, text));
                assertTrue(turn.get("messages").get(0).get("text").asText().matches("(?s).*[가-힣].*"), text + " -> " + turn);
            }
            JsonNode english = TestServer.json(server.say(c, "When is the application deadline?"));
            assertTrue(english.get("messages").get(0).get("text").asText().matches("(?s)[^가-힣]*"), english.toString());
        }
    }

    @Test
    void badLocaleTokenOrConversationAreClientErrors() {
        try (TestServer server = TestServer.start(Map.of())) {
            TestServer.Conversation c = server.newConversation("ko");
            HttpResponse<String> bad = patch(server, c.id(), c.token(), "{\"locale\":\"fr\"}");
            assertEquals(400, bad.statusCode());
            assertEquals("invalid_locale", TestServer.json(bad).get("error").get("code").asText());
            assertEquals(400, patch(server, c.id(), c.token(), "{\"locale\":3}").statusCode());
            assertEquals(400, patch(server, c.id(), c.token(), "[]").statusCode());
            assertEquals(401, patch(server, c.id(), "wrong", "{\"locale\":\"en\"}").statusCode());
            assertEquals(401, patch(server, c.id(), null, "{\"locale\":\"en\"}").statusCode());
            HttpResponse<String> unknown = patch(server, "nope", c.token(), "{\"locale\":\"en\"}");
            assertEquals(404, unknown.statusCode());
            assertEquals("conversation_not_found", TestServer.json(unknown).get("error").get("code").asText());
        }
    }
}
