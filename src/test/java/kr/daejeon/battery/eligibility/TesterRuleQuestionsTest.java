package kr.daejeon.battery.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The outside tester's follow-ups on the rules that got a partial "staff must check" answer (issue 17, fault 5):
 * "장비 업체는요?" after the ESS answer is the field list, where 공정장비 is named.
 */
class TesterRuleQuestionsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), EligibilityCheckTest.CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    /** The answer id of the last message sends in one conversation. */
    static String answerAfter(String locale, String... texts) {
        Conversation c = server.newConversation(locale);
        JsonNode r = null;
        for (String t : texts) {
            r = TestServer.json(server.say(c, t));
        }
        return r.path("answerId").asText() + " (" + r.path("answerMatch").asText() + ")";
    }

    @Test
    void followUpsOnTheRules() {
        assertEquals("elig_fields (exact)", answerAfter("ko", "ESS 기업도 신청할 수 있어요?", "장비 업체는요?"));
    }
}
