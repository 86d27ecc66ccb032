package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.daejeon.battery.channel.DeadLetter;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.escalation.HandoffReason;
import kr.daejeon.battery.escalation.TicketStatus;
import kr.daejeon.battery.infra.memory.InMemoryTicketStore;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.learning.UnansweredQuestion;
import kr.daejeon.battery.privacy.PersonalData;
import kr.daejeon.battery.infra.memory.InMemorySessionStore;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 20 #12 (PIPA): customer text was kept with no end and nobody could delete it. Now everything has the
 * retention period as its limit, and a customer (with their token) or staff (on request) erase a conversation.
 */
class PersonalDataTest {

    static HttpResponse<String> delete(TestServer server, String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).DELETE();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return server.send(b);
    }

    @Test
    void customerErasesTheirConversationWithEverythingAboutIt() {
        String prefix = "erase" + System.nanoTime();
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix));
             Jedis j = TestRedis.shared().client()) {
            Conversation c = server.newConversation("ko");
            assertEquals(200, server.say(c, "콩나물 국밥 맛집 추천해 주세요 010-1234-5678").statusCode());
            assertEquals(200, server.say(c, "상담원 연결해 주세요").statusCode());
            assertEquals(1, j.zcard(prefix + ":tickets:open"));
            assertTrue(j.lrange(prefix + ":unanswered", 0, -1).stream().anyMatch(q -> q.contains(c.id())),
                    "the off-topic question was recorded for staff");

            HttpResponse<String> forged = delete(server, "/api/v1/conversations/" + c.id(), "not-the-token");
            assertEquals(401, forged.statusCode(), forged.body());
            assertEquals(1, j.zcard(prefix + ":tickets:open"), "nothing erased without the token");

            HttpResponse<String> erased = delete(server, "/api/v1/conversations/" + c.id(), c.token());
            assertEquals(200, erased.statusCode(), erased.body());
            assertEquals(true, TestServer.json(erased).get("deleted").asBoolean());
            assertEquals(404, server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()).statusCode());
            Set<String> left = j.keys(prefix + ":{" + c.id() + "}*");
            assertEquals(Set.of(), left, "no transcript, state or turn records left");
            assertEquals(0, j.zcard(prefix + ":tickets:open"), "the ticket went with it");
            assertTrue(j.keys(prefix + ":ticket:*").isEmpty(), "ticket, notes and contact details erased");
            assertFalse(j.lrange(prefix + ":unanswered", 0, -1).stream().anyMatch(q -> q.contains(c.id())),
                    "its unanswered questions erased");
        }
    }

    @Test
    void staffEraseAConversationOnRequest() {
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()))) {
            Conversation c = server.newConversation("ko");
            assertEquals(200, server.say(c, "상담원 연결해 주세요").statusCode());
            HttpResponse<String> login = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            String csrf = TestServer.json(login).get("csrfToken").asText();
            HttpResponse<String> noCsrf = server.send(HttpRequest.newBuilder(server.uri("/staff/api/conversations/" + c.id()))
                    .header("Cookie", cookie).DELETE());
            assertEquals(403, noCsrf.statusCode());
            HttpResponse<String> erased = server.send(HttpRequest.newBuilder(server.uri("/staff/api/conversations/" + c.id()))
                    .header("Cookie", cookie).header("X-CSRF-Token", csrf).DELETE());
            assertEquals(200, erased.statusCode(), erased.body());
            assertEquals(1, TestServer.json(erased).get("tickets").asInt());
            JsonNode queue = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                    .header("Cookie", cookie).GET()));
            assertEquals(0, queue.get("tickets").size());
            assertEquals(404, server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()).statusCode());
        }
    }

    @Test
    void conversationsWithStaffAndTicketsExpireInRedisAfterTheRetentionPeriod() {
        String prefix = "retain" + System.nanoTime();
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix,
                "RETENTION_DAYS", "7"));
             Jedis j = TestRedis.shared().client()) {
            Conversation c = server.newConversation("ko");
            assertEquals(200, server.say(c, "상담원 연결해 주세요").statusCode());
            long week = Duration.ofDays(7).toSeconds();
            long transcript = j.ttl(prefix + ":{" + c.id() + "}:msgs");
            assertTrue(transcript > week - 60 && transcript <= week, "transcript kept at most the retention period: " + transcript);
            String ticket = j.zrange(prefix + ":tickets:open", 0, -1).get(0);
            long ticketTtl = j.ttl(prefix + ":ticket:{" + ticket + "}");
            assertTrue(ticketTtl > week - 60 && ticketTtl <= week, "an open ticket too: " + ticketTtl);
        }
    }

    @Test
    void theSweepRemovesWhatIsPastTheRetentionPeriodInMemory() {
        Instant t0 = Instant.parse("2027-03-01T00:00:00Z");
        MutableClock clock = new MutableClock(t0);
        InMemorySessionStore conversations = new InMemorySessionStore(Duration.ofMinutes(30), 1000, clock, Duration.ofDays(7));
        InMemoryTicketStore tickets = new InMemoryTicketStore();
        UnansweredLog unanswered = new UnansweredLog(new kr.daejeon.battery.infra.memory.InMemoryCappedList<>(UnansweredLog.CAPACITY));
        DeadLetterLog deadLetters = new DeadLetterLog(new kr.daejeon.battery.infra.memory.InMemoryCappedList<>(DeadLetterLog.CAPACITY));
        PersonalData data = new PersonalData(conversations, tickets, unanswered, deadLetters, Duration.ofDays(7), clock);

        ConversationState withStaff = ConversationState.start("c1", "h", "web", "ko", t0).withTurn("ko", ConversationState.WAITING, 0, t0);
        conversations.create(withStaff, List.of(Message.user("제 번호는 010-1234-5678", t0, "contact", 0.9)));
        tickets.open(new Ticket("t1", "c1", "web", "ko", HandoffReason.USER_REQUEST, TicketStatus.WAITING, null, t0, t0, List.of(), "a@b.kr"));
        unanswered.add(new UnansweredQuestion("제 번호는 010-1234-5678", "ko", "fallback", 0.1, List.of(), "c1", "web", t0));
        deadLetters.add(new DeadLetter("d1", "telegram", "c1", "sendMessage", "hello", "timeout", 4, t0));

        clock.advance(Duration.ofDays(6));
        data.sweep();
        assertTrue(conversations.find("c1").isPresent(), "kept within the period");
        assertTrue(tickets.find("t1").isPresent());
        assertEquals(1, unanswered.recent(10).size());

        clock.advance(Duration.ofDays(2));
        data.sweep();
        assertTrue(conversations.find("c1").isEmpty(), "an unresolved conversation with staff is not kept for ever");
        assertTrue(tickets.find("t1").isEmpty(), "nor its ticket and contact details");
        assertEquals(0, unanswered.recent(10).size());
        assertEquals(0, deadLetters.size());
    }
}
