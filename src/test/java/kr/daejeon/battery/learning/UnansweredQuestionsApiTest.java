package kr.daejeon.battery.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;

/**
 * Questions the assistant could not answer reach staff, grouped with counts; confident answers do
 * not. In memory and through Redis (shared by nodes).
 */
class UnansweredQuestionsApiTest {

    @Test
    void inMemory() {
        check(Map.of());
    }

    @Test
    void inRedisSharedByTwoNodes() {
        Map<String, String> env = Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", "un" + Tokens.random(6));
        try (TestServer other = TestServer.start(withStaff(env))) {
            Conversation c = other.newConversation("ko");
            other.say(c, "근처에 주차할 곳이 있나요?");
            check(env);
        }
    }

    static Map<String, String> withStaff(Map<String, String> env) {
        Map<String, String> out = new HashMap<>(env);
        out.put("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString());
        return out;
    }

    static void check(Map<String, String> env) {
        boolean shared = env.containsKey("REDIS_URL");
        try (TestServer server = TestServer.start(withStaff(env))) {
            Conversation c = server.newConversation("ko");
            server.say(c, "근처에 주차할 곳이 있나요?");
            server.say(c, "근처에 주차할 곳 있나요");
            server.say(c, "신청 마감이 언제예요?");
            Conversation e = server.newConversation("en");
            server.say(e, "What is the weather tomorrow in Busan?");

            assertEquals(401, server.get("/staff/api/unanswered", null).statusCode());
            JsonNode body = TestServer.json(TestStaff.login(server, "kim").get("/staff/api/unanswered"));
            assertEquals(shared ? 4 : 3, body.get("questions").asInt(), body.toString());
            JsonNode top = body.get("groups").get(0);
            assertEquals(shared ? 3 : 2, top.get("count").asInt(), body.toString());
            assertTrue(top.get("example").asText().contains("주차"), top.toString());
            assertEquals("ko", top.get("languages").get(0).asText());
            assertTrue(body.toString().contains("Busan"), body.toString());
            assertTrue(!body.toString().contains("신청 마감"), "a confident answer is not recorded: " + body);
        }
    }
}
