package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kakao i Open Builder skill server over real HTTP; the callback URL is a local fake. */
class KakaoChannelTest {

    static final String SECRET = "kakao-skill-secret-0123";
    static FakePlatform kakaoCallback;
    static TestServer server;

    @BeforeAll
    static void start() {
        kakaoCallback = new FakePlatform();
        // The local fake callback host is allowed explicitly (by default only Kakao's host is, over https).
        server = TestServer.start(Map.of("KAKAO_SKILL_SECRET", SECRET, "KAKAO_BOT_IDS", "bot-1,bot-2",
                "KAKAO_CALLBACK_HOSTS", "127.0.0.1", "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
        kakaoCallback.close();
    }

    static String skillRequest(String botId, String userId, String utterance, String callbackUrl) {
        return "{\"intent\":{\"id\":\"i1\",\"name\":\"폴백 블록\"},\"userRequest\":{\"timezone\":\"Asia/Seoul\",\"params\":{},"
                + "\"block\":{\"id\":\"b1\",\"name\":\"폴백 블록\"},\"utterance\":\"" + utterance + "\",\"lang\":\"ko\","
                + (callbackUrl == null ? "" : "\"callbackUrl\":\"" + callbackUrl + "\",")
                + "\"user\":{\"id\":\"" + userId + "\",\"type\":\"botUserKey\",\"properties\":{}}},"
                + "\"bot\":{\"id\":\"" + botId + "\",\"name\":\"이차전지 안내\"},\"action\":{\"name\":\"skill\",\"clientExtra\":null,"
                + "\"params\":{},\"id\":\"a1\",\"detailParams\":{}}}";
    }

    static HttpResponse<String> skill(String secret, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/channels/kakao/skill"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header("X-Skill-Secret", secret);
        }
        return server.send(b);
    }

    @Test
    void answersWithAVersion2SkillResponse() {
        HttpResponse<String> r = skill(SECRET, skillRequest("bot-1", "kakao-user-1", "신청 자격이 어떻게 되나요?", null));
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = TestServer.json(r);
        assertEquals("2.0", n.get("version").asText());
        JsonNode outputs = n.get("template").get("outputs");
        assertTrue(outputs.size() >= 1 && outputs.size() <= 3);
        assertTrue(outputs.get(0).get("simpleText").get("text").asText().contains("대전에 본사"), outputs.toString()); // the eligibility answer (public rule of the 2026 call)
        for (JsonNode o : outputs) {
            assertTrue(o.get("simpleText").get("text").asText().length() <= 1000);
        }
        JsonNode quick = n.get("template").get("quickReplies");
        assertTrue(quick.size() >= 1 && quick.size() <= 10);
        assertEquals("message", quick.get(0).get("action").asText());
        assertTrue(quick.get(0).get("label").asText().length() <= 14);
    }

    @Test
    void thumbQuickRepliesRateTheLatestAnswer() {
        JsonNode answer = TestServer.json(skill(SECRET, skillRequest("bot-1", "kakao-user-rate", "제출 서류가 뭐예요?", null)));
        JsonNode quick = answer.get("template").get("quickReplies");
        assertTrue(quick.size() <= 10);
        assertEquals("👍", quick.get(quick.size() - 2).get("messageText").asText());
        assertEquals("👎", quick.get(quick.size() - 1).get("messageText").asText());

        JsonNode thanks = TestServer.json(skill(SECRET, skillRequest("bot-1", "kakao-user-rate", "👎", null)));
        assertEquals("의견 고마워요.", thanks.get("template").get("outputs").get(0).get("simpleText").get("text").asText());
        String metrics = server.get("/metrics", null).body();
        assertTrue(metrics.contains("assistant_answer_feedback_total{intent=\"required_documents\",rating=\"down\"} 1.0"), metrics);
        // Without an answer to rate, a thumb is an ordinary message.
        JsonNode plain = TestServer.json(skill(SECRET, skillRequest("bot-1", "kakao-user-new", "👍", null)));
        assertTrue(!plain.get("template").get("outputs").get(0).get("simpleText").get("text").asText().equals("의견 고마워요."));
    }

    @Test
    void secretAndBotIdAreEnforced() {
        String body = skillRequest("bot-1", "kakao-user-2", "안녕하세요", null);
        assertEquals(401, skill("wrong", body).statusCode());
        assertEquals(401, skill(null, body).statusCode());
        HttpResponse<String> foreignBot = skill(SECRET, skillRequest("bot-9", "kakao-user-2", "안녕하세요", null));
        assertEquals(403, foreignBot.statusCode());
        assertEquals("bot_not_allowed", TestServer.json(foreignBot).get("error").get("code").asText());
        assertEquals(400, skill(SECRET, "{oops").statusCode());
        assertEquals(400, skill(SECRET, "{\"userRequest\":{}, \"bot\":{\"id\":\"bot-1\"}}").statusCode());
    }

    @Test
    void staffReplyWaitsForTheNextMessageWithoutACallback() {
        HttpResponse<String> handoff = skill(SECRET, skillRequest("bot-1", "kakao-user-3", "상담원 연결해 주세요", null));
        assertTrue(handoff.body().contains("다음에 메시지를 보내실 때"), "the user is told how staff replies arrive");
        String[] staff = login();
        String ticket = ticketFor(staff, "kakao");
        post(staff, "/staff/api/tickets/" + ticket + "/claim", "");
        post(staff, "/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"서류는 PDF로 내시면 됩니다.\"}");
        HttpResponse<String> next = skill(SECRET, skillRequest("bot-1", "kakao-user-3", "네", null));
        String outputs = TestServer.json(next).get("template").get("outputs").toString();
        assertTrue(outputs.contains("김담당: 서류는 PDF로 내시면 됩니다."), outputs);
        // Delivered once only.
        HttpResponse<String> again = skill(SECRET, skillRequest("bot-1", "kakao-user-3", "네", null));
        assertTrue(!TestServer.json(again).toString().contains("PDF로"));
    }

    @Test
    void staffReplyUsesTheCallbackUrlWhileValid() throws Exception {
        String callback = kakaoCallback.baseUrl() + "/callback/abc";
        skill(SECRET, skillRequest("bot-2", "kakao-user-4", "상담원 연결해 주세요", callback));
        String[] staff = login();
        String ticket = ticketFor(staff, "kakao");
        post(staff, "/staff/api/tickets/" + ticket + "/claim", "");
        FakePlatform.Call joined = kakaoCallback.next(5000);
        assertNotNull(joined, "the 'staff joined' line used the callback");
        assertEquals("/callback/abc", joined.path());
        assertEquals("2.0", joined.body().get("version").asText());
        // The callback is used once; the reply waits for the next message.
        post(staff, "/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"확인했습니다.\"}");
        HttpResponse<String> next = skill(SECRET, skillRequest("bot-2", "kakao-user-4", "감사합니다", null));
        assertTrue(next.body().contains("확인했습니다."), next.body());
    }

    @Test
    void kakaoUserIdIsNeverShownToStaff() {
        skill(SECRET, skillRequest("bot-1", "secret-kakao-user-5", "상담원 연결해 주세요", null));
        String[] staff = login();
        HttpResponse<String> queue = server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                .header("Cookie", staff[0]).GET());
        assertTrue(queue.body().contains("kakao"));
        assertTrue(!queue.body().contains("secret-kakao-user-5"));
    }

    static String[] login() {
        HttpResponse<String> r = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
        return new String[] {r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                TestServer.json(r).get("csrfToken").asText()};
    }

    static String ticketFor(String[] staff, String channel) {
        JsonNode tickets = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                .header("Cookie", staff[0]).GET())).get("tickets");
        String id = null;
        for (JsonNode t : tickets) {
            if (t.get("ticket").get("channel").asText().equals(channel) && t.get("ticket").get("status").asText().equals("waiting")) {
                id = t.get("ticket").get("id").asText();
            }
        }
        assertNotNull(id);
        return id;
    }

    static void post(String[] staff, String path, String body) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", staff[0])
                .header("X-CSRF-Token", staff[1]).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, r.statusCode(), r.body());
    }
}
