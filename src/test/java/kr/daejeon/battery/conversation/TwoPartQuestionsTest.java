package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every part of a message that asks two or three things gets its answer in the one reply (the outside tester's
 * report, docs/trials/2026-12-02.md item 6), and a question about both tracks at once stays one question.
 */
class TwoPartQuestionsTest {

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

    static List<String> answerIds(JsonNode reply) {
        List<String> ids = new ArrayList<>();
        reply.get("messages").forEach(m -> ids.add(m.path("answerId").asText()));
        return ids;
    }

    @Test
    void aComparisonAndASecondQuestionAreBothAnswered() {
        JsonNode r = ask("en", "What's the difference between leading and promising, and what's the period of the project?");
        List<String> ids = answerIds(r);
        assertTrue(ids.contains("tracks_compared") && ids.contains("overview_project_period"), r.toString());
    }

    @Test
    void twoQuestionsOfTheSameTopicAreBothAnswered() {
        JsonNode r = ask("ko", "직접 찾아가서 상담 받을수 있나요? 주소 알려주세요");
        List<String> ids = answerIds(r);
        assertTrue(ids.contains("contact_visit") && ids.contains("contact_address"), r.toString());
    }

    @Test
    void threeQuestionsAreAllAnswered() {
        JsonNode r = ask("ko", "시험분석 비용도 지원되나요? 인증 비용은요? 그리고 직원 교육도 받을 수 있나요?");
        List<String> ids = answerIds(r);
        assertTrue(ids.contains("benefit_prototype_testing") && ids.contains("benefit_certification_ip")
                && r.get("messages").findValuesAsText("intent").contains("training_program"), r.toString());
    }

    @Test
    void mayWeApplyAndHowMuchAfterAnIntroductionAreBothAnswered() {
        JsonNode r = ask("en", "We make battery testing equipment in Yuseong, 40 employees. can we apply and how much?");
        List<String> intents = r.get("messages").findValuesAsText("intent");
        assertTrue(intents.contains("eligibility") && intents.contains("support_benefits"), r.toString());
    }

    @Test
    void bothTracksAtOnceIsOneQuestionWithItsOneAnswer() {
        for (String q : List.of("선도랑 유망 동시에 신청할 수 있어요?", "Can we apply to both tracks at once?")) {
            JsonNode r = ask(q.startsWith("C") ? "en" : "ko", q);
            assertEquals(List.of("both_tracks_at_once"), answerIds(r), q + " -> " + r);
        }
    }
}
