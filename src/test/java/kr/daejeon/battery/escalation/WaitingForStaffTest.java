package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisTicketStore;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** Until staff join, every message gets a reply, and the customer can take the request back. */
class WaitingForStaffTest {

    // Wednesday 2027-03-03 10:00 KST; staff work MON-FRI 09:00-18:00.
    private static final Instant OFFICE_HOURS = Instant.parse("2027-03-03T01:00:00Z");

    @Test
    void everyMessageWhileWaitingIsAcknowledgedWithWhenStaffReply() {
        String prefix = "waiting" + Tokens.random(6);
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix,
                "BUSINESS_HOURS", "MON-FRI 09:00-18:00"), new MutableClock(OFFICE_HOURS))) {
            Conversation c = server.newConversation("ko");
            assertTrue(TestServer.json(server.say(c, "상담원 연결해 주세요")).get("handoff").asBoolean());

            String when = firstReply(server.say(c, "언제 연락 와요?"));
            assertTrue(when.contains("분") && when.contains("상담 시간"), when);
            for (String text : List.of("혹시 내일 오전에 전화 가능할까요?", "네", "아니요")) {
                var r = server.say(c, text);
                assertEquals(200, r.statusCode());
                assertTrue(firstReply(r).startsWith("메시지를 담당자에게 전달했어요"), text + " -> " + r.body());
                assertTrue(TestServer.json(r).get("handoff").asBoolean(), "still waiting for staff");
            }
        }
    }

    @Test
    void outsideOfficeHoursTheAcknowledgementSaysWhenStaffStartAgain() {
        // Wednesday 23:32 KST.
        try (TestServer server = TestServer.start(Map.of("BUSINESS_HOURS", "MON-FRI 09:00-18:00"),
                new MutableClock(Instant.parse("2027-03-03T14:32:00Z")))) {
            Conversation c = server.newConversation("ko");
            server.say(c, "상담원 연결해 주세요");
            String reply = firstReply(server.say(c, "혹시 내일 오전에 전화 가능할까요?"));
            assertTrue(reply.contains("3월 4일 (목) 09:00 이후에 답변"), reply);
        }
    }

    @Test
    void cancellingClosesTheTicketForStaffAndTheBotAnswersAgain() {
        String prefix = "cancel" + Tokens.random(6);
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix,
                "BUSINESS_HOURS", "MON-FRI 09:00-18:00"), new MutableClock(OFFICE_HOURS));
             RedisClient client = new RedisClient(TestRedis.shared().url(), prefix, 2, Duration.ofSeconds(2))) {
            RedisTicketStore tickets = new RedisTicketStore(client);
            Conversation c = server.newConversation("ko");
            server.say(c, "상담원 연결해 주세요");
            String ticketId = tickets.openTickets(10).get(0).id();

            JsonNode cancelled = TestServer.json(server.say(c, "아 취소할게요 그냥 챗봇이랑 할게요"));
            assertFalse(cancelled.get("handoff").asBoolean(), cancelled.toString());
            assertTrue(cancelled.get("messages").get(0).get("text").asText().contains("취소했어요"), cancelled.toString());

            assertEquals(TicketStatus.RESOLVED, tickets.find(ticketId).orElseThrow().status());
            assertTrue(tickets.notes(ticketId).stream().anyMatch(n -> n.text().contains("고객이 상담 요청을 취소")),
                    "staff see why the ticket closed");
            assertEquals(0, tickets.openTickets(10).size());

            JsonNode answered = TestServer.json(server.say(c, "신청 자격이 어떻게 되나요?"));
            assertFalse(answered.get("handoff").asBoolean());
            assertEquals("eligibility", answered.get("intent").asText(), answered.toString());
        }
    }

    @Test
    void aQuestionAboutCancellingSomethingElseIsNotACancellation() {
        assertEquals(WaitingMessage.PASSED_ON, WaitingMessage.of("신청 취소는 어떻게 해요?"));
        assertEquals(WaitingMessage.CANCEL, WaitingMessage.of("Never mind, I'll ask the bot"));
        assertEquals(WaitingMessage.REPLY_TIME, WaitingMessage.of("How long until someone replies?"));
    }

    private static String firstReply(java.net.http.HttpResponse<String> r) {
        JsonNode messages = TestServer.json(r).get("messages");
        assertTrue(messages.size() > 0, "a reply: " + r.body());
        return messages.get(0).get("text").asText();
    }
}
