package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The LINE adapter over real HTTP, against a local fake Messaging API. */
class LineChannelTest {

    static final String SECRET = "line-channel-secret";
    static final String ACCESS = "line-access-token";
    static FakePlatform line;
    static TestServer server;

    @BeforeAll
    static void start() {
        line = new FakePlatform();
        server = TestServer.start(Map.of("LINE_CHANNEL_SECRET", SECRET, "LINE_CHANNEL_ACCESS_TOKEN", ACCESS,
                "LINE_API_BASE", line.baseUrl(), "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
        line.close();
    }

    @BeforeEach
    void clean() {
        line.drain();
    }

    static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    static HttpResponse<String> webhook(String signature, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/channels/line/webhook"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            b.header("X-Line-Signature", signature);
        }
        return server.send(b);
    }

    static String textEvent(String eventId, String userId, String replyToken, String text) {
        return "{\"destination\":\"Uxxxxxxxx\",\"events\":[{\"type\":\"message\",\"message\":{\"type\":\"text\",\"id\":\"4680\","
                + "\"quoteToken\":\"q\",\"text\":\"" + text + "\"},\"webhookEventId\":\"" + eventId + "\","
                + "\"deliveryContext\":{\"isRedelivery\":false},\"timestamp\":1767225600000,\"source\":{\"type\":\"user\","
                + "\"userId\":\"" + userId + "\"},\"replyToken\":\"" + replyToken + "\",\"mode\":\"active\"}]}";
    }

    @Test
    void anAnswerOffersThumbPostbacksAndATapIsStoredAsItsRating() throws Exception {
        String body = textEvent("01HRATE1", "U7001", "reply-token-r1", "제출 서류가 뭐예요?");
        assertEquals(200, webhook(sign(body), body).statusCode());
        JsonNode messages = line.next(5000).body().get("messages");
        JsonNode items = messages.get(messages.size() - 1).get("quickReply").get("items");
        assertTrue(items.size() <= 13);
        JsonNode down = items.get(items.size() - 1).get("action");
        assertEquals("postback", down.get("type").asText());
        assertEquals("👎", down.get("label").asText());
        assertTrue(down.get("data").asText().matches("rate:\\d+:down"), down.toString());

        String tap = "{\"destination\":\"Uxxxxxxxx\",\"events\":[{\"type\":\"postback\",\"postback\":{\"data\":\""
                + down.get("data").asText() + "\"},\"webhookEventId\":\"01HRATE2\",\"deliveryContext\":{\"isRedelivery\":false},"
                + "\"timestamp\":1767225600000,\"source\":{\"type\":\"user\",\"userId\":\"U7001\"},"
                + "\"replyToken\":\"reply-token-r2\",\"mode\":\"active\"}]}";
        assertEquals(200, webhook(sign(tap), tap).statusCode());
        FakePlatform.Call thanks = line.next(5000);
        assertEquals("reply-token-r2", thanks.body().get("replyToken").asText());
        assertEquals("의견 고마워요.", thanks.body().get("messages").get(0).get("text").asText());
        String metrics = server.get("/metrics", null).body();
        assertTrue(metrics.contains("assistant_answer_feedback_total{intent=\"required_documents\",rating=\"down\"} 1.0"), metrics);
    }

    @Test
    void verificationRequestIsAccepted() throws Exception {
        String body = "{\"destination\":\"Uxxxxxxxx\",\"events\":[]}";
        assertEquals(200, webhook(sign(body), body).statusCode());
        assertNull(line.next(300));
    }

    @Test
    void textMessageIsAnsweredWithTheReplyApi() throws Exception {
        String body = textEvent("01HEVENT1", "U1001", "reply-token-1", "When is the application deadline?");
        assertEquals(200, webhook(sign(body), body).statusCode());
        FakePlatform.Call call = line.next(5000);
        assertNotNull(call);
        assertEquals("/v2/bot/message/reply", call.path());
        assertEquals("Bearer " + ACCESS, call.headers().get("Authorization").get(0));
        assertEquals("reply-token-1", call.body().get("replyToken").asText());
        JsonNode messages = call.body().get("messages");
        assertTrue(messages.size() >= 1 && messages.size() <= 5);
        JsonNode last = messages.get(messages.size() - 1);
        assertTrue(messages.toString().contains("application"), messages.toString());
        JsonNode items = last.get("quickReply").get("items");
        assertTrue(items.size() >= 1 && items.size() <= 13);
        assertEquals("message", items.get(0).get("action").get("type").asText());
    }

    @Test
    void badSignatureIs401AndNothingIsProcessed() throws Exception {
        String body = textEvent("01HEVENT2", "U1002", "reply-token-2", "안녕하세요");
        assertEquals(401, webhook("AAAA" + sign(body).substring(4), body).statusCode());
        assertEquals(401, webhook(null, body).statusCode());
        assertEquals(401, webhook(sign(body), body.replace("안녕하세요", "안녕히")).statusCode(), "signature covers the body");
        assertNull(line.next(500));
    }

    @Test
    void redeliveredEventIsProcessedOnce() throws Exception {
        String body = textEvent("01HEVENT3", "U1003", "reply-token-3", "교육 일정 알려주세요");
        assertEquals(200, webhook(sign(body), body).statusCode());
        FakePlatform.Call first = line.next(5000);
        assertEquals("/v2/bot/message/reply", first.path());
        // Redeliveries are stored once (see ChannelRetryAfter503Test); their stored answer is pushed again, with
        // one retry key per event so LINE shows it at most once more.
        for (int i = 0; i < 2; i++) {
            assertEquals(200, webhook(sign(body), body).statusCode());
            FakePlatform.Call again = line.next(5000);
            assertEquals("/v2/bot/message/push", again.path());
            assertEquals(first.body().get("messages"), again.body().get("messages"), "the stored answer, not a new turn");
        }
        assertNull(line.next(700));
    }

    @Test
    void platformFailureIsRetried() throws Exception {
        line.failNext(500, "{\"message\":\"temporary\"}");
        String body = textEvent("01HEVENT4", "U1004", "reply-token-4", "연락처 알려주세요");
        assertEquals(200, webhook(sign(body), body).statusCode());
        assertNotNull(line.next(8000), "delivered after a retry");
    }

    @Test
    void staffReplyIsPushedWithARetryKey() throws Exception {
        String body = textEvent("01HEVENT5", "U1005", "reply-token-5", "상담원 연결해 주세요");
        assertEquals(200, webhook(sign(body), body).statusCode());
        assertNotNull(line.next(5000));
        HttpResponse<String> login = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = TestServer.json(login).get("csrfToken").asText();
        JsonNode tickets = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                .header("Cookie", cookie).GET())).get("tickets");
        String id = tickets.get(0).get("ticket").get("id").asText();
        assertEquals("line", tickets.get(0).get("ticket").get("channel").asText());
        assertTrue(!tickets.toString().contains("U1005"), "the LINE user id is not shown to staff");
        for (String action : new String[] {"/claim", "/reply"}) {
            assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets/" + id + action))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"담당자입니다.\"}"))).statusCode());
        }
        FakePlatform.Call joined = line.next(5000);
        FakePlatform.Call reply = line.next(5000);
        assertEquals("/v2/bot/message/push", reply.path());
        assertEquals("U1005", reply.body().get("to").asText());
        assertEquals("김담당: 담당자입니다.", reply.body().get("messages").get(0).get("text").asText());
        // The JDK server spells received header names as "X-line-retry-key".
        String retryKey = reply.headers().get("X-line-retry-key").get(0);
        assertEquals(36, java.util.UUID.fromString(retryKey).toString().length());
        assertTrue(joined.body().toString().contains("김담당"));
    }
}
