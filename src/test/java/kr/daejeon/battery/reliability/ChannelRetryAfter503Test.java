package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

/**
 * Issue 20 #1: a platform's retry of an update that was answered 503 is stored, exactly once. The first delivery
 * is refused by holding the conversation's lock in Redis (as a slow turn or a dead node would), then released.
 */
class ChannelRetryAfter503Test {

    static final String PREFIX = "retry503";
    static final String TG_SECRET = "test-secret-token-0123456789";
    static final String BOT = "123456:ABC-DEF";
    static final String LINE_SECRET = "line-channel-secret";
    static FakePlatform platform;
    static TestServer server;

    @BeforeAll
    static void start() {
        platform = new FakePlatform();
        server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", PREFIX,
                "REDIS_TIMEOUT_MS", "200", "TELEGRAM_BOT_TOKEN", BOT, "TELEGRAM_SECRET_TOKEN", TG_SECRET,
                "TELEGRAM_API_BASE", platform.baseUrl(), "LINE_CHANNEL_SECRET", LINE_SECRET,
                "LINE_CHANNEL_ACCESS_TOKEN", "line-access-token", "LINE_API_BASE", platform.baseUrl()));
    }

    @AfterAll
    static void stop() {
        server.close();
        platform.close();
    }

    static HttpResponse<String> telegram(String body) {
        return server.send(HttpRequest.newBuilder(server.uri("/channels/telegram/webhook"))
                .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", TG_SECRET)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String textUpdate(long updateId, long chatId, String text) {
        return "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":1767225600,"
                + "\"chat\":{\"id\":" + chatId + ",\"type\":\"private\"},\"text\":\"" + text + "\"}}";
    }

    static HttpResponse<String> line(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(LINE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        return server.send(HttpRequest.newBuilder(server.uri("/channels/line/webhook"))
                .header("Content-Type", "application/json").header("X-Line-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String lineEvent(String eventId, String userId, String text) {
        return "{\"destination\":\"U0\",\"events\":[{\"type\":\"message\",\"message\":{\"type\":\"text\",\"id\":\"1\","
                + "\"text\":\"" + text + "\"},\"webhookEventId\":\"" + eventId + "\",\"timestamp\":1767225600000,"
                + "\"source\":{\"type\":\"user\",\"userId\":\"" + userId + "\"},\"replyToken\":\"rt-" + eventId + "\"}]}";
    }

    /** How often {@code text} is in the transcript of the messenger user's conversation. */
    static long stored(Jedis j, String channelUserKey, String text) {
        String id = j.get(PREFIX + ":channeluser:" + channelUserKey);
        assertNotNull(id, "the user has a conversation");
        List<String> msgs = j.lrange(PREFIX + ":{" + id + "}:msgs", 0, -1);
        return msgs.stream().filter(m -> m.contains("\"from\":\"user\"") && m.contains(text)).count();
    }

    static void holdLockWhile(Jedis j, String channelUserKey, Runnable refused) {
        String id = j.get(PREFIX + ":channeluser:" + channelUserKey);
        String lock = PREFIX + ":{" + id + "}:lock";
        j.set(lock, "someone-else", SetParams.setParams().px(30_000));
        try {
            refused.run();
        } finally {
            j.del(lock);
        }
    }

    @Test
    void telegramUpdateAnswered503IsStoredOnceWhenRetried() {
        String user = "telegram:" + Tokens.hash("777001");
        try (Jedis j = TestRedis.shared().client()) {
            assertEquals(200, telegram(textUpdate(90001, 777001, "안녕하세요")).statusCode());
            holdLockWhile(j, user, () -> {
                HttpResponse<String> busy = telegram(textUpdate(90002, 777001, "제출 서류 알려주세요"));
                assertEquals(503, busy.statusCode(), busy.body());
            });
            assertEquals(0, stored(j, user, "제출 서류 알려주세요"));
            HttpResponse<String> retried = telegram(textUpdate(90002, 777001, "제출 서류 알려주세요"));
            assertEquals(200, retried.statusCode(), retried.body());
            assertEquals(1, stored(j, user, "제출 서류 알려주세요"), "the retry is stored");
            assertEquals(200, telegram(textUpdate(90002, 777001, "제출 서류 알려주세요")).statusCode());
            assertEquals(1, stored(j, user, "제출 서류 알려주세요"), "a second retry is not stored again");
        }
    }

    @Test
    void lineEventAnswered503IsStoredOnceWhenRedelivered() throws Exception {
        String user = "line:" + Tokens.hash("U777002");
        try (Jedis j = TestRedis.shared().client()) {
            assertEquals(200, line(lineEvent("ev-1", "U777002", "안녕하세요")).statusCode());
            holdLockWhile(j, user, () -> {
                try {
                    assertEquals(503, line(lineEvent("ev-2", "U777002", "교육 일정 알려주세요")).statusCode());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(0, stored(j, user, "교육 일정 알려주세요"));
            assertEquals(200, line(lineEvent("ev-2", "U777002", "교육 일정 알려주세요")).statusCode());
            assertEquals(1, stored(j, user, "교육 일정 알려주세요"), "the redelivery is stored");
            assertEquals(200, line(lineEvent("ev-2", "U777002", "교육 일정 알려주세요")).statusCode());
            assertEquals(1, stored(j, user, "교육 일정 알려주세요"), "a second redelivery is not stored again");
        }
    }
}
