package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Telegram adapter over real HTTP, against a local fake Bot API. */
class TelegramChannelTest {

    static final String SECRET = "test-secret-token-0123456789";
    static final String BOT = "123456:ABC-DEF";
    static FakePlatform telegram;
    static TestServer server;

    @BeforeAll
    static void start() {
        telegram = new FakePlatform();
        server = TestServer.start(Map.of("TELEGRAM_BOT_TOKEN", BOT, "TELEGRAM_SECRET_TOKEN", SECRET,
                "TELEGRAM_API_BASE", telegram.baseUrl(), "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
        telegram.close();
    }

    @BeforeEach
    void clean() {
        telegram.drain();
    }

    static HttpResponse<String> webhook(String secret, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri("/channels/telegram/webhook"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (secret != null) {
            b.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return server.send(b);
    }

    static String textUpdate(long updateId, long chatId, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":1767225600,"
                + "\"from\":{\"id\":" + chatId + ",\"is_bot\":false,\"first_name\":\"Kim\",\"language_code\":\"ko\"},"
                + "\"chat\":{\"id\":" + chatId + ",\"first_name\":\"Kim\",\"type\":\"private\"},\"text\":\"" + text + "\"}}";
    }

    @Test
    void textMessageIsAnsweredWithSendMessageAndInlineKeyboard() throws Exception {
        assertEquals(200, webhook(SECRET, textUpdate(1001, 555001, "신청 마감이 언제예요?")).statusCode());
        FakePlatform.Call call = telegram.next(5000);
        assertNotNull(call);
        assertEquals("/bot" + BOT + "/sendMessage", call.path());
        assertEquals("555001", call.body().get("chat_id").asText());
        assertTrue(call.body().get("text").asText().contains("접수"), call.body().toString());
        JsonNode keyboard = call.body().get("reply_markup").get("inline_keyboard");
        assertTrue(keyboard.size() >= 2);
        assertEquals(keyboard.get(0).get(0).get("text").asText(), keyboard.get(0).get(0).get("callback_data").asText());
    }

    @Test
    void wrongOrMissingSecretIs401AndNothingHappens() throws Exception {
        assertEquals(401, webhook("wrong-secret", textUpdate(2001, 555002, "안녕하세요")).statusCode());
        assertEquals(401, webhook(null, textUpdate(2002, 555002, "안녕하세요")).statusCode());
        assertNull(telegram.next(500), "nothing was processed");
        // The same update id still works once properly signed: nothing was recorded for it.
        assertEquals(200, webhook(SECRET, textUpdate(2001, 555002, "안녕하세요")).statusCode());
        assertNotNull(telegram.next(5000));
    }

    @Test
    void retriedUpdateIsProcessedOnce() throws Exception {
        assertEquals(200, webhook(SECRET, textUpdate(3001, 555003, "교육 일정 알려주세요")).statusCode());
        FakePlatform.Call first = telegram.next(5000);
        assertNotNull(first);
        // A retried update is stored once (see ChannelRetryAfter503Test) and answered with the stored answer:
        // Telegram retries only updates it did not see answered.
        for (int i = 0; i < 2; i++) {
            assertEquals(200, webhook(SECRET, textUpdate(3001, 555003, "교육 일정 알려주세요")).statusCode());
            assertEquals(first.body(), telegram.next(5000).body(), "the stored answer again, not a new turn");
        }
        assertNull(telegram.next(700));
    }

    @Test
    void anAnswerCarriesThumbButtonsAndATapIsStoredAsItsRating() throws Exception {
        assertEquals(200, webhook(SECRET, textUpdate(7001, 555007, "제출 서류가 뭐예요?")).statusCode());
        FakePlatform.Call answer = telegram.next(5000);
        JsonNode rows = answer.body().get("reply_markup").get("inline_keyboard");
        JsonNode thumbs = rows.get(rows.size() - 1);
        assertEquals("👍", thumbs.get(0).get("text").asText());
        String down = thumbs.get(1).get("callback_data").asText();
        assertTrue(down.matches("rate:\\d+:down"), down);

        String tap = "{\"update_id\":7002,\"callback_query\":{\"id\":\"cbq-66\",\"from\":{\"id\":555007,\"is_bot\":false,"
                + "\"first_name\":\"Park\"},\"message\":{\"message_id\":12,\"date\":1767225600,\"chat\":{\"id\":555007,"
                + "\"type\":\"private\"},\"text\":\"...\"},\"chat_instance\":\"1\",\"data\":\"" + down + "\"}}";
        assertEquals(200, webhook(SECRET, tap).statusCode());
        FakePlatform.Call ack = telegram.next(5000);
        assertTrue(ack.path().endsWith("/answerCallbackQuery"), ack.path());
        assertEquals("의견 고마워요.", ack.body().get("text").asText());
        assertNull(telegram.next(500), "a rating is not a message: no answer is sent");

        HttpResponse<String> login = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        JsonNode listed = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/staff/api/feedback")).header("Cookie", cookie)
                .GET())).get("answers");
        assertTrue(listed.toString().contains("제출 서류가 뭐예요?") && listed.toString().contains("\"channel\":\"telegram\""),
                listed.toString());
    }

    @Test
    void tappedInlineButtonIsAnsweredAndAcknowledged() throws Exception {
        String update = "{\"update_id\":4001,\"callback_query\":{\"id\":\"cbq-77\",\"from\":{\"id\":555004,\"is_bot\":false,"
                + "\"first_name\":\"Lee\"},\"message\":{\"message_id\":9,\"date\":1767225600,\"chat\":{\"id\":555004,\"type\":\"private\"},"
                + "\"text\":\"...\"},\"chat_instance\":\"1\",\"data\":\"제출 서류\"}}";
        assertEquals(200, webhook(SECRET, update).statusCode());
        List<FakePlatform.Call> calls = List.of(telegram.next(5000), telegram.next(5000));
        FakePlatform.Call ack = calls.stream().filter(c -> c.path().endsWith("/answerCallbackQuery")).findFirst().orElseThrow();
        assertEquals("cbq-77", ack.body().get("callback_query_id").asText());
        FakePlatform.Call answer = calls.stream().filter(c -> c.path().endsWith("/sendMessage")).findFirst().orElseThrow();
        assertTrue(answer.body().get("text").asText().contains("제출 서류") || answer.body().get("text").asText().contains("사업계획서"),
                answer.body().toString());
    }

    @Test
    void platform429IsRetriedAfterItsRetryAfter() throws Exception {
        telegram.failNext(429, "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests\",\"parameters\":{\"retry_after\":1}}");
        long t0 = System.currentTimeMillis();
        assertEquals(200, webhook(SECRET, textUpdate(5001, 555005, "연락처 알려주세요")).statusCode());
        FakePlatform.Call call = telegram.next(8000);
        assertNotNull(call, "delivered after the retry");
        assertTrue(System.currentTimeMillis() - t0 >= 900, "waited for retry_after");
        assertEquals("555005", call.body().get("chat_id").asText());
    }

    @Test
    void malformedUpdatesAreRejectedClearly() {
        HttpResponse<String> r = webhook(SECRET, "{not json");
        assertEquals(400, r.statusCode());
        assertEquals("malformed_json", TestServer.json(r).get("error").get("code").asText());
        assertEquals(400, webhook(SECRET, "{\"hello\":1}").statusCode());
    }

    @Test
    void staffReplyIsPushedToTheTelegramChat() throws Exception {
        assertEquals(200, webhook(SECRET, textUpdate(6001, 555006, "상담원 연결해 주세요")).statusCode());
        String handoff = telegram.next(5000).body().get("text").asText();
        assertTrue(handoff.contains("담당자에게 연결") && handoff.contains("대기 순서"), "one message says what happens next: " + handoff);
        assertTrue(handoff.indexOf("담당자에게 연결") < handoff.indexOf("대기 순서"), handoff);
        HttpResponse<String> login = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = TestServer.json(login).get("csrfToken").asText();
        JsonNode tickets = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                .header("Cookie", cookie).GET())).get("tickets");
        JsonNode ticket = null;
        for (JsonNode t : tickets) {
            if (t.get("ticket").get("channel").asText().equals("telegram")) {
                ticket = t.get("ticket");
            }
        }
        assertNotNull(ticket, "staff see the channel on the ticket");
        assertTrue(!tickets.toString().contains("555006"), "the Telegram chat id is not shown to staff");
        String id = ticket.get("id").asText();
        for (String action : new String[] {"/claim", "/reply"}) {
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets/" + id + action))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"담당자입니다. 무엇을 도와드릴까요?\"}")));
            assertEquals(200, r.statusCode(), r.body());
        }
        FakePlatform.Call joined = telegram.next(5000);
        assertTrue(joined.body().get("text").asText().contains("김담당"), joined.body().toString());
        FakePlatform.Call reply = telegram.next(5000);
        assertEquals("555006", reply.body().get("chat_id").asText());
        assertEquals("김담당: 담당자입니다. 무엇을 도와드릴까요?", reply.body().get("text").asText());
    }

    @Test
    void disabledChannelsAre404() {
        try (TestServer plain = TestServer.start(Map.of())) {
            HttpResponse<String> r = plain.send(HttpRequest.newBuilder(plain.uri("/channels/telegram/webhook"))
                    .header("X-Telegram-Bot-Api-Secret-Token", SECRET).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(textUpdate(1, 1, "hi"))));
            assertEquals(404, r.statusCode());
            for (String path : new String[] {"/channels/line/webhook", "/channels/kakao/skill"}) {
                HttpResponse<String> other = plain.send(HttpRequest.newBuilder(plain.uri(path))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
                assertEquals(404, other.statusCode(), path);
            }
        }
    }

    @Test
    void longAnswersAreSplitAt4096Characters() {
        var m = kr.daejeon.battery.conversation.Message.bot("가".repeat(9000), List.of("A"), List.of(), java.time.Instant.EPOCH, "x");
        var payloads = kr.daejeon.battery.channel.telegram.TelegramPayloads.of("1", m);
        assertEquals(3, payloads.size());
        assertEquals(4096, ((String) payloads.get(0).get("text")).length());
        assertNull(payloads.get(0).get("reply_markup"));
        assertNotNull(payloads.get(2).get("reply_markup"), "buttons go with the last part");
    }

    @Test
    void afterStaffResolveTheCustomerRatesWithFiveButtonsOnce() throws Exception {
        assertEquals(200, webhook(SECRET, textUpdate(8001, 555008, "상담원 연결해 주세요")).statusCode());
        TestStaff.Login kim = TestStaff.login(server, "kim");
        String ticket = null;
        for (JsonNode t : TestServer.json(kim.get("/staff/api/tickets")).get("tickets")) {
            if ("telegram".equals(t.get("ticket").get("channel").asText())) {
                ticket = t.get("ticket").get("id").asText();
            }
        }
        assertNotNull(ticket);
        assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/claim", "").statusCode());
        assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/resolve", "").statusCode());
        JsonNode rows = null;
        for (FakePlatform.Call c = telegram.next(5000); c != null && rows == null; c = telegram.next(5000)) {
            JsonNode kb = c.body().path("reply_markup").path("inline_keyboard");
            if (kb.isArray() && kb.size() > 0 && kb.get(0).get(0).get("callback_data").asText().startsWith("csat:")) {
                rows = kb;
            }
        }
        assertNotNull(rows, "the question came with a keyboard");
        assertEquals(5, rows.size());
        assertEquals("csat:" + ticket + ":5", rows.get(4).get(0).get("callback_data").asText());
        assertEquals("5 매우 만족", rows.get(4).get(0).get("text").asText());

        for (int i = 0; i < 2; i++) {
            String data = i == 0 ? "csat:" + ticket + ":2" : "csat:" + ticket + ":5";
            String tap = "{\"update_id\":" + (8002 + i) + ",\"callback_query\":{\"id\":\"cbq-8" + i + "\",\"from\":{\"id\":555008,"
                    + "\"is_bot\":false,\"first_name\":\"Kim\"},\"message\":{\"message_id\":20,\"date\":1767225600,\"chat\":"
                    + "{\"id\":555008,\"type\":\"private\"},\"text\":\"...\"},\"chat_instance\":\"1\",\"data\":\"" + data + "\"}}";
            assertEquals(200, webhook(SECRET, tap).statusCode());
            FakePlatform.Call ack = telegram.next(5000);
            assertTrue(ack.path().endsWith("/answerCallbackQuery"), ack.path());
            assertEquals(i == 0, ack.body().has("text"), "thanked for the first tap only: " + ack.body());
        }
        assertNull(telegram.next(500), "a rating is not a message");
        JsonNode rated = TestServer.json(kim.get("/staff/api/tickets/" + ticket)).get("ticket").get("satisfaction");
        assertEquals(2, rated.get("score").asInt(), "one rating per ticket: the first tap counts");
    }
}
