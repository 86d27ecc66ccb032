package kr.daejeon.battery.escalation;

import kr.daejeon.battery.infra.redis.RedisTicketStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** Outside business hours the handoff says when staff reply and collects a valid contact for the ticket. */
class AfterHoursHandoffTest {

    @Test
    void saturdayHandoffAsksForContactAndAttachesIt() {
        String prefix = "afterhours" + Tokens.random(6);
        // Saturday 2027-03-06 10:00 KST; staff work MON-FRI 09:00-18:00.
        MutableClock clock = new MutableClock(Instant.parse("2027-03-06T01:00:00Z"));
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix,
                "BUSINESS_HOURS", "MON-FRI 09:00-18:00", "HOLIDAYS", "2027-03-08"), clock);
             RedisClient client = new RedisClient(TestRedis.shared().url(), prefix, 2, Duration.ofSeconds(2))) {
            Conversation c = server.newConversation("ko");
            JsonNode r = TestServer.json(server.say(c, "상담원 연결해 주세요"));
            String all = r.get("messages").toString();
            assertTrue(all.contains("3월 9일 (화) 09:00 이후에 답변"), all);
            // No promise of minutes while nobody is in: the queue line says when staff reply.
            JsonNode queue = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token())).get("messages");
            String queueLine = java.util.stream.StreamSupport.stream(queue.spliterator(), false)
                    .filter(m -> "queue".equals(m.path("kind").asText())).findFirst().orElseThrow().get("text").asText();
            assertTrue(queueLine.contains("3월 9일 (화) 09:00 이후") && !queueLine.contains("분"), queueLine);

            JsonNode bad = TestServer.json(server.say(c, "제 메일은 kim@ 이에요"));
            assertTrue(bad.get("messages").get(0).get("text").asText().contains("형식"));
            JsonNode when = TestServer.json(server.say(c, "언제쯤 답변 받을 수 있나요"));
            assertTrue(when.get("messages").get(0).get("text").asText().contains("3월 9일 (화) 09:00 이후에 답변"), when.toString());
            // No consent to the privacy notice, no storing: refused as a whole, nothing kept.
            int before = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token())).get("messages").size();
            var refused = server.say(c, "kim@example.co.kr 로 부탁드려요");
            assertEquals(400, refused.statusCode(), refused.body());
            assertEquals("consent_required", TestServer.json(refused).get("error").get("code").asText());
            assertEquals(null, new RedisTicketStore(client).openTickets(10).get(0).contact());
            assertEquals(before, TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()))
                    .get("messages").size(), "the message was not stored either");
            var badConsent = server.postJson("/api/v1/conversations/" + c.id() + "/messages",
                    "{\"text\":\"kim@example.co.kr\",\"consent\":{\"noticeVersion\":\"v1\",\"items\":[\"address\"]}}", c.token());
            assertEquals(400, badConsent.statusCode());
            assertEquals("invalid_consent", TestServer.json(badConsent).get("error").get("code").asText());

            JsonNode ok = TestServer.json(server.sayWithConsent(c, "kim@example.co.kr 로 부탁드려요"));
            assertTrue(ok.get("messages").get(0).get("text").asText().contains("연락처를 받았습니다"));

            Ticket t = new RedisTicketStore(client).openTickets(10).get(0);
            assertEquals(c.id(), t.conversationId());
            assertEquals("kim@example.co.kr", t.contact());
            assertEquals("2026-12-01", t.consent().noticeVersion());
            assertEquals(java.util.List.of("email", "phone"), t.consent().items());
            assertEquals(clock.instant(), t.consent().at(), "the server's time of consent");
            // Asked once: later messages are passed on to staff, not taken as contact details again.
            JsonNode later = TestServer.json(server.say(c, "010-1234-5678 도 있어요"));
            assertTrue(later.get("messages").get(0).get("text").asText().startsWith("메시지를 담당자에게 전달했어요"), later.toString());
            assertEquals("kim@example.co.kr", new RedisTicketStore(client).openTickets(10).get(0).contact());
        }
    }

    @Test
    void anAddressAndAPhoneNumberAreBothKeptAndConfirmedInTheConversationsLanguage() {
        String prefix = "afterhours" + Tokens.random(6);
        MutableClock clock = new MutableClock(Instant.parse("2027-03-06T01:00:00Z"));
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix,
                "BUSINESS_HOURS", "MON-FRI 09:00-18:00"), clock);
             RedisClient client = new RedisClient(TestRedis.shared().url(), prefix, 2, Duration.ofSeconds(2))) {
            Conversation c = server.newConversation("ko");
            TestServer.json(server.say(c, "상담원 연결해 주세요"));
            JsonNode typo = TestServer.json(server.sayWithConsent(c, "e-mail: kim..lee@example.com"));
            assertTrue(typo.get("messages").get(0).get("text").asText().contains("형식"), typo.toString());
            JsonNode ok = TestServer.json(server.sayWithConsent(c, "e-mail kim@example.co.kr, phone 010-1234-5678"));
            String confirmation = ok.get("messages").get(0).get("text").asText();
            assertTrue(confirmation.contains("연락처를 받았습니다") && confirmation.contains("010-1234-5678"), confirmation);
            assertEquals("ko", TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()))
                    .get("locale").asText(), "an address in English words does not switch the conversation");
            assertEquals("kim@example.co.kr, 010-1234-5678", new RedisTicketStore(client).openTickets(10).get(0).contact());
        }
    }

    @Test
    void duringBusinessHoursNoContactIsAsked() {
        MutableClock clock = new MutableClock(Instant.parse("2027-03-05T01:00:00Z"));
        try (TestServer server = TestServer.start(Map.of("BUSINESS_HOURS", "MON-FRI 09:00-18:00"), clock)) {
            Conversation c = server.newConversation("en");
            JsonNode r = TestServer.json(server.say(c, "Talk to staff"));
            assertTrue(!r.get("messages").toString().contains("out of office"), r.toString());
            // Not asked for, so not taken as contact details: passed on to staff like any other message.
            String reply = TestServer.json(server.say(c, "my mail is a@b.kr")).get("messages").get(0).get("text").asText();
            assertTrue(reply.startsWith("I've passed your message on to staff"), reply);
        }
    }
}
