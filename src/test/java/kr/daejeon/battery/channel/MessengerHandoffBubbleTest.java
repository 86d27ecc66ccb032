package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 19 #3 on messengers: a handoff is one message that says what happens next (connecting, when staff
 * reply after hours, the queue position; on Kakao how replies arrive), in and out of office hours, on
 * Telegram, LINE and Kakao alike; not one bubble per line.
 */
class MessengerHandoffBubbleTest {

    static final String TG_SECRET = "test-secret-token-0123456789";
    static final String LINE_SECRET = "line-channel-secret";
    static final String KAKAO_SECRET = "kakao-skill-secret-0123";

    @ParameterizedTest(name = "office open: {0}")
    @ValueSource(booleans = {true, false})
    void aHandoffIsOneBubbleOnEveryMessenger(boolean open) throws Exception {
        // Thursday 2027-03-04 11:00 KST (open) or 22:00 KST (closed).
        MutableClock clock = new MutableClock(Instant.parse(open ? "2027-03-04T02:00:00Z" : "2027-03-04T13:00:00Z"));
        try (FakePlatform platform = new FakePlatform()) {
            Map<String, String> env = new HashMap<>(Map.of("BUSINESS_HOURS", "MON-FRI 09:00-18:00",
                    "TELEGRAM_BOT_TOKEN", "123456:ABC-DEF", "TELEGRAM_SECRET_TOKEN", TG_SECRET,
                    "TELEGRAM_API_BASE", platform.baseUrl(), "LINE_CHANNEL_SECRET", LINE_SECRET,
                    "LINE_CHANNEL_ACCESS_TOKEN", "line-access-token", "LINE_API_BASE", platform.baseUrl()));
            env.put("KAKAO_SKILL_SECRET", KAKAO_SECRET);
            env.put("KAKAO_BOT_IDS", "bot-1");
            try (TestServer server = TestServer.start(env, clock)) {
                String afterHours = "상담 시간이 아니라서";

                assertEquals(200, post(server, "/channels/telegram/webhook", "X-Telegram-Bot-Api-Secret-Token", TG_SECRET,
                        "{\"update_id\":71001,\"message\":{\"message_id\":1,\"date\":1767225600,\"chat\":{\"id\":880001,"
                                + "\"type\":\"private\"},\"text\":\"상담원 연결해 주세요\"}}").statusCode());
                FakePlatform.Call sent = platform.next(5000);
                assertNotNull(sent);
                String telegram = sent.body().get("text").asText();
                assertOneBubble(telegram, open, afterHours);
                assertNull(platform.next(1000), "one sendMessage, not one per line");

                String event = "{\"destination\":\"U0\",\"events\":[{\"type\":\"message\",\"message\":{\"type\":\"text\","
                        + "\"id\":\"1\",\"text\":\"상담원 연결해 주세요\"},\"webhookEventId\":\"ev-h1\",\"timestamp\":1767225600000,"
                        + "\"source\":{\"type\":\"user\",\"userId\":\"U880002\"},\"replyToken\":\"rt-h1\"}]}";
                assertEquals(200, post(server, "/channels/line/webhook", "X-Line-Signature", sign(event), event).statusCode());
                JsonNode messages = platform.next(5000).body().get("messages");
                assertEquals(1, messages.size(), messages.toString());
                assertOneBubble(messages.get(0).get("text").asText(), open, afterHours);

                HttpResponse<String> kakao = post(server, "/channels/kakao/skill", "X-Skill-Secret", KAKAO_SECRET,
                        "{\"userRequest\":{\"utterance\":\"상담원 연결해 주세요\",\"user\":{\"id\":\"k-880003\"}},"
                                + "\"bot\":{\"id\":\"bot-1\"}}");
                JsonNode outputs = TestServer.json(kakao).get("template").get("outputs");
                assertEquals(1, outputs.size(), outputs.toString());
                String bubble = outputs.get(0).get("simpleText").get("text").asText();
                assertOneBubble(bubble, open, afterHours);
                assertTrue(bubble.contains("다음에 메시지를 보내실 때"), "how staff replies arrive on Kakao: " + bubble);
            }
        }
    }

    private static void assertOneBubble(String text, boolean open, String afterHours) {
        assertTrue(text.startsWith("담당자에게 연결"), text);
        assertTrue(text.contains("대기 순서"), "the queue position is in the same message: " + text);
        assertEquals(!open, text.contains(afterHours), "when staff reply, only after hours: " + text);
    }

    static HttpResponse<String> post(TestServer server, String path, String header, String value, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header(header, value)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LINE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
