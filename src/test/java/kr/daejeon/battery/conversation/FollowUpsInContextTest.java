package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The outside tester's report on follow-ups (issue 16, item 2), through the public API: a follow-up with no topic
 * word read against the previous turn, a person asked for right after an answer, and yes/no variants.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FollowUpsInContextTest {

    // Only what is read matters here, not the office hours: the service's own clock will do.
    final TestServer server = TestServer.start(Map.of());

    @AfterAll
    void stop() {
        server.close();
    }

    /** The reply to {@code then} in a new conversation that began with {@code first}. */
    JsonNode after(String lang, String first, String then) {
        Conversation c = server.newConversation(lang);
        turn(c, first);
        return turn(c, then);
    }

    String second(String lang, String first, String then) {
        return after(lang, first, then).get("intent").asText();
    }

    JsonNode turn(Conversation c, String text) {
        var r = server.say(c, text);
        assertEquals(200, r.statusCode(), r.body());
        return TestServer.json(r);
    }

    @Test
    void theOtherTracksShortNameAsksTheSameQuestionAboutThatTrack() {
        // "선도" alone put into "유망기업 지원 기간은 …" read as the program's period.
        assertEquals("leading_company", second("ko", "유망기업 지원 기간은 얼마나 돼요?", "선도는 어때요?"));
    }

    @Test
    void aTopicWordOfAnotherFamilyKeepsItsOwnTopic() {
        assertEquals("application_deadline", second("ko", "신청 자격이 어떻게 돼요?", "마감은요?"));
        assertEquals("required_documents", second("ko", "지원 자격 알려주세요", "서류는요?"));
    }

    @Test
    void theProgramsDeadlineOrHowToApplyAfterATrainingAnswerIsTheTrainingSignUp() {
        assertEquals("training_enrollment", second("en", "What training courses do you run?", "what's the deadline?"));
        assertEquals("training_enrollment", second("ko", "교육 프로그램 있어요?", "그거 신청은 어디서 해요?"));
        // A question that names the program is about the program's call, whatever came before.
        assertEquals("application_deadline", second("ko", "교육 과정 알려주세요", "이 사업 마감은 언제예요?"));
    }

    @Test
    void aSecondQuestionInOneMessageContinuesTheFirstOnesTopic() {
        JsonNode r = turn(server.newConversation("ko"), "교육 언제 하고 신청은 어디서 해요?");
        var intents = new java.util.ArrayList<String>();
        r.get("messages").forEach(m -> intents.add(m.get("intent").asText()));
        assertEquals(java.util.List.of("training_schedule", "training_enrollment"), intents, r.toString());
    }

    @Test
    void theyPointsBackAtThePreviousAnswer() {
        assertEquals("required_documents", second("en", "What documents do I need?", "do they have to be originals?"));
    }

    @Test
    void aRequestForAPersonRightAfterAnAnswerHandsOver() {
        JsonNode r = after("en", "What documents do I need?", "can i talk to someone?");
        assertEquals("human_handoff", r.get("intent").asText(), r.toString());
        assertTrue(r.get("handoff").asBoolean(), r.toString());
    }

    @Test
    void yesAndNoVariantsAnswerTheBotsOwnQuestion() {
        assertEquals("human_handoff", second("ko", "담당자 연락처 알려주세요", "그래주세요"));
        assertEquals("human_handoff", second("en", "What's the contact number?", "yes pls"));
        assertEquals("eligibility", second("ko", "우리 회사도 신청할 수 있나요?", "괜찮아"));
    }
}
