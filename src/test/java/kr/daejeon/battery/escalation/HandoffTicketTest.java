package kr.daejeon.battery.escalation;

import kr.daejeon.battery.infra.redis.RedisTicketStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** A handoff opens a ticket with what staff need, and the customer learns their place in the queue. */
class HandoffTicketTest {

    @Test
    void acceptingTheOfferAfterRepeatedMissesIsRecordedAsSuch() {
        String prefix = "misses" + Tokens.random(6);
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix));
             RedisClient client = new RedisClient(TestRedis.shared().url(), prefix, 2, Duration.ofSeconds(2))) {
            Conversation c = server.newConversation("ko");
            // Misses in a row (chit-chat included): the third offers a person.
            JsonNode offer = null;
            for (String miss : java.util.List.of("이거 어떻게 해요?", "그거요", "저희 회사 상황이 좀 특이해서요")) {
                offer = TestServer.json(server.say(c, miss));
                if (offer.get("messages").get(0).get("quickReplies").toString().contains("상담원 연결")) {
                    break;
                }
            }
            assertTrue(offer.get("messages").get(0).get("quickReplies").toString().contains("상담원 연결"), offer.toString());
            server.say(c, "상담원 연결");
            assertEquals(HandoffReason.REPEATED_MISSES, new RedisTicketStore(client).openTickets(10).get(0).reason());
        }
    }

    @Test
    void faqEntryMarkedEscalateAnswersThenHandsOver(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        for (String f : new String[] {"program.yaml", "application.yaml", "training.yaml", "conversation.yaml"}) {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of("faq", f));
            if (f.equals("application.yaml")) {
                text = text.replace("    follow_ups: [human_handoff, application_process]",
                        "    follow_ups: [human_handoff, application_process]\n    escalate: true");
            }
            java.nio.file.Files.writeString(dir.resolve(f), text);
        }
        String prefix = "escalate" + Tokens.random(6);
        try (TestServer server = TestServer.start(Map.of("FAQ_DIR", dir.toString(), "REDIS_URL", TestRedis.shared().url(),
                "REDIS_KEY_PREFIX", prefix));
             RedisClient client = new RedisClient(TestRedis.shared().url(), prefix, 2, Duration.ofSeconds(2))) {
            Conversation c = server.newConversation("ko");
            JsonNode r = TestServer.json(server.say(c, "문의처")); // the topic button: its overview, marked escalate
            assertEquals("contact", r.get("intent").asText(), "reports the FAQ intent it answered from");
            assertTrue(r.get("handoff").asBoolean());
            assertTrue(r.get("messages").get(0).get("text").asText().contains("대전테크노파크"), r.toString());
            assertEquals(HandoffReason.FAQ_ESCALATE, new RedisTicketStore(client).openTickets(10).get(0).reason());
        }
    }

    @Test
    void handoffOpensTicketWithContextAndTellsQueuePosition() {
        String prefix = "handoff" + Tokens.random(6);
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix));
             RedisClient client = new RedisClient(TestRedis.shared().url(), prefix, 2, Duration.ofSeconds(2))) {
            RedisTicketStore tickets = new RedisTicketStore(client);
            Conversation first = server.newConversation("ko");
            server.say(first, "신청 자격이 어떻게 되나요?");
            server.say(first, "전기차 보조금은요?");
            JsonNode handoff = TestServer.json(server.say(first, "상담원 연결해 주세요"));
            assertTrue(handoff.get("handoff").asBoolean());
            JsonNode replies = handoff.get("messages");
            assertEquals("현재 대기 순서는 1번째입니다 (예상 대기 약 5분, 상담 시간 기준).",
                    replies.get(replies.size() - 1).get("text").asText());

            List<Ticket> open = tickets.openTickets(10);
            assertEquals(1, open.size());
            Ticket t = open.get(0);
            assertEquals(first.id(), t.conversationId());
            assertEquals("web", t.channel());
            assertEquals("ko", t.language());
            assertEquals(HandoffReason.USER_REQUEST, t.reason());
            assertEquals(TicketStatus.WAITING, t.status());
            assertEquals(3, t.classifierContext().size());
            assertEquals("eligibility", t.classifierContext().get(0).topIntents().get(0).intent());
            assertEquals(3, t.classifierContext().get(0).topIntents().size());

            Conversation second = server.newConversation("en");
            JsonNode secondHandoff = TestServer.json(server.say(second, "Talk to staff"));
            JsonNode r2 = secondHandoff.get("messages");
            assertEquals("You are number 2 in the queue (expected wait about 10 minutes during office hours).",
                    r2.get(r2.size() - 1).get("text").asText());
            assertEquals(2, tickets.openTickets(10).size());

            // Staff claim the first ticket: the second customer moves up.
            tickets.claim(t.id(), "kim", java.time.Instant.now());
            assertEquals(1, tickets.position(tickets.openTickets(10).get(1).id()));

            // While waiting, a message opens no second ticket; it is told the expected reply time.
            JsonNode waiting = TestServer.json(server.say(first, "아직인가요?"));
            assertTrue(waiting.get("messages").get(0).get("text").asText().contains("분"), waiting.toString());
            assertEquals(2, tickets.openTickets(10).size());
        }
    }
}
