package kr.daejeon.battery.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Operations over real HTTP: Prometheus metrics reflect the turns, intents, handoffs and deliveries
 * that actually happened, are not public, and a messenger delivery that fails after every retry
 * becomes a dead letter staff can see.
 */
class MetricsAndDeadLettersTest {

    static final String SECRET = "telegram-secret-for-metrics";
    static FakePlatform telegram;
    static TestServer server;

    @BeforeAll
    static void start() {
        telegram = new FakePlatform();
        server = TestServer.start(Map.of("TELEGRAM_BOT_TOKEN", "42:XYZ", "TELEGRAM_SECRET_TOKEN", SECRET,
                "TELEGRAM_API_BASE", telegram.baseUrl(), "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
        telegram.close();
    }

    static String scrape() {
        HttpResponse<String> r = server.get("/metrics", null);
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return r.body();
    }

    /** The value of one series, or 0 when it is absent. */
    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("^" + Pattern.quote(series) + " ([0-9.eE+-]+|NaN)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    @Test
    void turnsIntentsFallbacksAndHandoffsAreCounted() {
        String before = scrape();
        Conversation c = server.newConversation("ko");
        server.say(c, "신청 마감이 언제예요?");
        server.say(c, "신청 마감이 언제예요?");
        server.say(c, "오늘 점심 메뉴 추천해 줘");
        server.say(c, "상담원 연결해 주세요");
        String after = scrape();

        double deadlines = value(after, "chat_turns_total{channel=\"web\",intent=\"application_deadline\",language=\"ko\"}")
                - value(before, "chat_turns_total{channel=\"web\",intent=\"application_deadline\",language=\"ko\"}");
        assertEquals(2, deadlines, after);
        assertEquals(1, value(after, "chat_fallbacks_total{channel=\"web\",language=\"ko\"}")
                - value(before, "chat_fallbacks_total{channel=\"web\",language=\"ko\"}"), after);
        assertEquals(1, value(after, "chat_handoffs_total{channel=\"web\",language=\"ko\"}")
                - value(before, "chat_handoffs_total{channel=\"web\",language=\"ko\"}"), after);
        assertTrue(value(after, "chat_handoff_queue_waiting") >= 1, after);
        assertEquals(4, value(after, "chat_turn_duration_seconds_count{channel=\"web\"}")
                - value(before, "chat_turn_duration_seconds_count{channel=\"web\"}"), after);
        assertTrue(after.contains("chat_turn_duration_seconds_bucket{channel=\"web\",le=\"0.05\"}"), "latency histogram");
        // Vert.x's own meters: the worker pool queue (length and wait) and HTTP requests by route, never by raw path.
        assertTrue(after.contains("vertx_pool_queue_pending{pool_name=\"vert.x-worker-thread\",pool_type=\"worker\"}"), after);
        assertTrue(after.contains("vertx_pool_queue_time_seconds_count{pool_name=\"vert.x-worker-thread\""), after);
        assertTrue(after.contains(">/api/v1/conversations/:id/messages\"}"), after);
        assertTrue(!after.contains(c.id()), "no conversation ids in metric labels");
        assertTrue(after.contains("chat_store_errors_total 0.0"), after);
    }

    @Test
    void metricsAreNotPublic() {
        HttpResponse<String> proxied = server.send(HttpRequest.newBuilder(server.uri("/metrics"))
                .header("X-Forwarded-For", "203.0.113.9").GET());
        assertEquals(401, proxied.statusCode());
        assertEquals("unauthorized", TestServer.json(proxied).get("error").get("code").asText());
        try (TestServer withToken = TestServer.start(Map.of("METRICS_TOKEN", "scrape-token-0123456789"))) {
            assertEquals(401, withToken.get("/metrics", null).statusCode());
            assertEquals(401, withToken.get("/metrics", "scrape-token-0123456789x").statusCode());
            HttpResponse<String> ok = withToken.get("/metrics", "scrape-token-0123456789");
            assertEquals(200, ok.statusCode());
            assertTrue(ok.body().contains("chat_store_errors_total"));
        }
    }

    @Test
    void deliveryThatFailsAfterEveryRetryIsADeadLetterStaffCanSee() throws Exception {
        TestStaff.Login kim = TestStaff.login(server, "kim");
        assertEquals(0, TestServer.json(kim.get("/staff/api/dead-letters")).get("total").asInt());
        for (int i = 0; i < 4; i++) {
            telegram.failNext(500, "{\"ok\":false,\"error_code\":500,\"description\":\"Internal Server Error\"}");
        }
        String update = "{\"update_id\":77001,\"message\":{\"message_id\":1,\"date\":1767225600,"
                + "\"from\":{\"id\":9911,\"is_bot\":false,\"first_name\":\"Lee\"},"
                + "\"chat\":{\"id\":9911,\"type\":\"private\"},\"text\":\"신청 마감이 언제예요?\"}}";
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/channels/telegram/webhook"))
                .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(update)));
        assertEquals(200, r.statusCode(), r.body());

        JsonNode letters = null;
        long deadline = System.currentTimeMillis() + 15_000;
        while (System.currentTimeMillis() < deadline) {
            letters = TestServer.json(kim.get("/staff/api/dead-letters"));
            if (letters.get("total").asInt() > 0) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(1, letters.get("total").asInt(), letters.toString());
        JsonNode letter = letters.get("deadLetters").get(0);
        assertEquals("telegram", letter.get("channel").asText());
        assertEquals("sendMessage", letter.get("operation").asText());
        assertEquals(4, letter.get("attempts").asInt());
        assertTrue(letter.get("reason").asText().contains("HTTP 500"), letter.toString());
        assertTrue(letter.get("text").asText().contains("접수"), "the undelivered answer is shown: " + letter);
        assertTrue(!letter.toString().contains("9911") && !letter.toString().contains("42:XYZ"), "no chat id or bot token");
        assertTrue(letter.get("conversationId").asText().length() > 10);

        String metrics = scrape();
        assertEquals(1, value(metrics, "channel_deliveries_total{channel=\"telegram\",outcome=\"failed\"}"), metrics);
        assertEquals(3, value(metrics, "channel_deliveries_total{channel=\"telegram\",outcome=\"retried\"}"), metrics);
        assertEquals(0, value(metrics, "channel_outbound_in_flight{channel=\"telegram\"}"), metrics);

        assertEquals(401, server.get("/staff/api/dead-letters", null).statusCode(), "staff only");
    }
}
