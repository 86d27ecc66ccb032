package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Three answer faults an outside tester hit (issues 16/17), through the public API: a question about the office's days
 * is not a request for a person, the unsure half of a two-part question is not dropped, and a bare "can we apply?"
 * asks who may apply, not how.
 */
class AskedNotHandedOverTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-07T02:00:00Z")); // Monday 11:00 KST
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode ask(String language, String text) {
        var r = server.say(server.newConversation(language), text);
        assertEquals(200, r.statusCode(), r.body());
        return TestServer.json(r);
    }

    static String quickReplies(JsonNode reply) {
        StringBuilder out = new StringBuilder();
        reply.get("messages").forEach(m -> out.append(m.get("quickReplies")));
        return out.toString();
    }

    static String texts(JsonNode reply) {
        StringBuilder out = new StringBuilder();
        reply.get("messages").forEach(m -> out.append(m.get("text").asText()).append('\n'));
        return out.toString();
    }

    @Test
    void aQuestionAboutWeekendHoursIsAnsweredWithAPersonOffered() {
        for (String[] q : new String[][] {{"ko", "토요일에도 상담돼요?"}, {"ko", "주말에도 문의 돼요?"},
                {"en", "are you open on weekends?"}}) {
            JsonNode r = ask(q[0], q[1]);
            assertFalse(r.get("handoff").asBoolean(), q[1] + ": " + r);
            assertEquals("contact", r.get("intent").asText(), q[1] + ": " + r);
            assertTrue(quickReplies(r).contains("ko".equals(q[0]) ? "상담원 연결" : "Talk to staff"), q[1] + ": " + r);
        }
        // A plain request for a person still hands over.
        assertTrue(ask("ko", "상담원 연결해 주세요").get("handoff").asBoolean());
    }

    @Test
    void theUnsureHalfOfTwoQuestionsIsOfferedAsAChoice() {
        for (String[] q : new String[][] {{"en", "how much is it and when is the deadline?"}, {"ko", "얼마 받고 언제까지 내요?"}}) {
            JsonNode r = ask(q[0], q[1]);
            String title = "ko".equals(q[0]) ? "지원 내용" : "What you receive";
            boolean answered = r.get("messages").toString().contains("support_benefits") || texts(r).contains("benefit");
            assertTrue(answered || quickReplies(r).contains(title), q[1] + ": " + r);
            assertTrue(r.get("messages").toString().contains("application_deadline"), q[1] + ": " + r);
        }
    }

    @Test
    void aBareCanWeApplyIsAnEligibilityQuestionWithThePreCheckOffered() {
        for (String[] q : new String[][] {{"en", "Can we apply?"}, {"ko", "저희도 신청돼요?"}}) {
            JsonNode r = ask(q[0], q[1]);
            assertEquals("eligibility", r.get("intent").asText(), q[1] + ": " + r);
            assertTrue(texts(r).contains("ko".equals(q[0]) ? "미리 확인해 보시겠어요" : "whether your company may qualify"),
                    q[1] + ": " + r);
        }
        // How to apply stays how to apply.
        assertEquals("application_process", ask("en", "How do we apply?").get("intent").asText());
    }
}
