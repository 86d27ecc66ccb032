package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 20 #2: a turn answered 503 whose commit Redis still ran is recognised when the client retries with the
 * same {@code Idempotency-Key} (answered with the stored result, stored once); a handoff whose commit failed
 * leaves no ticket.
 */
class ExactlyOnceWebTurnsTest {

    static HttpResponse<String> say(TestServer server, Conversation c, String text, String key) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id() + "/messages"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + c.token())
                .header("Idempotency-Key", key).POST(HttpRequest.BodyPublishers.ofString(JsonCodec.write(Map.of("text", text)))));
    }

    static long stored(Jedis j, String prefix, String id, String text) {
        List<String> msgs = j.lrange(prefix + ":{" + id + "}:msgs", 0, -1);
        return msgs.stream().filter(m -> m.contains("\"from\":\"user\"") && m.contains(text)).count();
    }

    @Test
    void turnAnswered503ButCommittedIsRecognisedOnRetry() throws Exception {
        try (TestRedis redis = TestRedis.ownInstance();
             TestServer server = TestServer.start(Map.of("REDIS_URL", redis.url(), "REDIS_TIMEOUT_MS", "300"));
             Jedis j = redis.client()) {
            Conversation c = server.newConversation("ko");
            assertEquals(200, say(server, c, "안녕하세요", "k-0").statusCode());
            // Redis stops answering while the turn's commit is on its way: the server gives up (503), Redis runs it later.
            Thread sleeper = new Thread(() -> redis.sleep(1.2));
            sleeper.start();
            Thread.sleep(200);
            HttpResponse<String> first = say(server, c, "신청 방법 알려주세요", "k-1");
            assertEquals(503, first.statusCode(), first.body());
            sleeper.join();
            HttpResponse<String> retry = say(server, c, "신청 방법 알려주세요", "k-1");
            assertEquals(200, retry.statusCode(), retry.body());
            assertEquals(1, stored(j, "ia", c.id(), "신청 방법 알려주세요"), "stored once");
            JsonNode answer = TestServer.json(retry);
            HttpResponse<String> again = say(server, c, "신청 방법 알려주세요", "k-1");
            assertEquals(200, again.statusCode());
            assertEquals(answer.get("userMessage").get("id").asLong(),
                    TestServer.json(again).get("userMessage").get("id").asLong(), "the stored result, again");
            assertEquals(answer.get("messages").size(), TestServer.json(again).get("messages").size());
            assertEquals(1, stored(j, "ia", c.id(), "신청 방법 알려주세요"));
            // A new key is a new message.
            assertEquals(200, say(server, c, "신청 방법 알려주세요", "k-2").statusCode());
            assertEquals(2, stored(j, "ia", c.id(), "신청 방법 알려주세요"));
        }
    }

    @Test
    void handoffWhoseCommitFailedLeavesNoTicket() {
        try (TestRedis redis = TestRedis.ownInstance();
             TestServer server = TestServer.start(Map.of("REDIS_URL", redis.url(), "REDIS_TIMEOUT_MS", "500"));
             Jedis j = redis.client()) {
            Conversation c = server.newConversation("ko");
            assertEquals(200, say(server, c, "안녕하세요", "h-0").statusCode());
            // The transcript cannot be written (the commit fails in Redis) after the lock was taken.
            String msgs = "ia:{" + c.id() + "}:msgs";
            j.rename(msgs, msgs + ":aside");
            j.set(msgs, "not a list");
            HttpResponse<String> failed = say(server, c, "상담원 연결해 주세요", "h-1");
            assertEquals(503, failed.statusCode(), failed.body());
            assertEquals(0, j.zcard("ia:tickets:open"), "a turn answered 503 opened no ticket");
            j.del(msgs);
            j.rename(msgs + ":aside", msgs);
            HttpResponse<String> retry = say(server, c, "상담원 연결해 주세요", "h-1");
            assertEquals(200, retry.statusCode(), retry.body());
            assertEquals(true, TestServer.json(retry).get("handoff").asBoolean());
            assertEquals(1, j.zcard("ia:tickets:open"));
            assertEquals(200, say(server, c, "상담원 연결해 주세요", "h-1").statusCode());
            assertEquals(1, j.zcard("ia:tickets:open"), "the retry opened no second ticket");
            assertEquals(1, stored(j, "ia", c.id(), "상담원 연결해 주세요"));
        }
    }

    @Test
    void aHandoffStoredWhoseTicketWasNotOpenedOpensItOnRetryExactlyOnce() {
        try (TestRedis redis = TestRedis.ownInstance();
             TestServer server = TestServer.start(Map.of("REDIS_URL", redis.url(), "REDIS_TIMEOUT_MS", "500"));
             Jedis j = redis.client()) {
            Conversation c = server.newConversation("ko");
            // The turn is stored (its conversation's slot), then opening its ticket fails (the queue's slot): as if
            // the node died between the two steps.
            j.set("ia:tickets:open", "not a sorted set");
            HttpResponse<String> failed = say(server, c, "상담원 연결해 주세요", "t-1");
            assertEquals(503, failed.statusCode(), failed.body());
            assertEquals(1, stored(j, "ia", c.id(), "상담원 연결해 주세요"), "the turn itself was stored");
            j.del("ia:tickets:open");
            HttpResponse<String> retry = say(server, c, "상담원 연결해 주세요", "t-1");
            assertEquals(200, retry.statusCode(), retry.body());
            assertEquals(true, TestServer.json(retry).get("handoff").asBoolean());
            assertEquals(1, j.zcard("ia:tickets:open"), "the retry opened the ticket");
            assertEquals(1, j.zcard("ia:tickets:waiting"));
            assertEquals(200, say(server, c, "상담원 연결해 주세요", "t-1").statusCode());
            assertEquals(1, j.zcard("ia:tickets:open"), "and only once");
            assertEquals(1, stored(j, "ia", c.id(), "상담원 연결해 주세요"));
            String ticket = j.zrange("ia:tickets:open", 0, 0).get(0);
            assertEquals("waiting", j.hget("ia:ticket:{" + ticket + "}", "status"));
            assertEquals(true, j.hget("ia:ticket:{" + ticket + "}", "json").contains(c.id()));
        }
    }
}
