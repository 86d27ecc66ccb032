package kr.daejeon.battery.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.nlu.ScoredIntent;
import org.junit.jupiter.api.Test;

class QuestionGroupsTest {

    static UnansweredQuestion q(String text, String lang, String top, int minute) {
        return new UnansweredQuestion(text, lang, "fallback", 0.2, List.of(new ScoredIntent(top, 0.3)), "c", "web",
                Instant.parse("2026-11-25T01:00:00Z").plusSeconds(60L * minute));
    }

    @Test
    void variantsOfOneQuestionFormOneGroupBiggestFirst() {
        // Newest first, as the log returns them.
        List<UnansweredQuestion> questions = List.of(
                q("주차 가능한가요?", "ko", "contact", 9),
                q("지원금은 얼마나 받나요", "ko", "support_benefits", 8),
                q("Is there parking at the venue?", "en", "contact", 7),
                q("지원금 얼마나 받아요?", "ko", "support_benefits", 6),
                q("지원금얼마나받아요", "ko", "program_overview", 5),
                q("is there parking at the venue", "en", "contact", 4));
        List<QuestionGroups.Group> groups = QuestionGroups.group(questions);
        assertEquals(3, groups.size(), groups.toString());
        QuestionGroups.Group money = groups.get(0);
        assertEquals(3, money.count());
        assertEquals("지원금은 얼마나 받나요", money.example(), "the newest wording represents the group");
        assertEquals("support_benefits", money.topIntent());
        assertEquals(List.of("ko"), money.languages());
        assertEquals(3, money.wordings().size());
        QuestionGroups.Group parking = groups.get(1);
        assertEquals(2, parking.count(), groups.toString());
        assertEquals(List.of("en"), parking.languages());
        assertTrue(groups.stream().anyMatch(g -> g.example().equals("주차 가능한가요?") && g.count() == 1));
    }

    @Test
    void differentQuestionsWithTheSameShapeStayApart() {
        List<QuestionGroups.Group> groups = QuestionGroups.group(List.of(
                q("What is the deadline?", "en", "application_deadline", 3),
                q("What is the fee?", "en", "training_enrollment", 2),
                q("신청 서류가 뭐예요", "ko", "required_documents", 1),
                q("신청 방법이 뭐예요", "ko", "application_process", 0)));
        assertEquals(4, groups.size(), groups.toString());
    }

    @Test
    void emptyAndTinyTextsDoNotBreakGrouping() {
        List<QuestionGroups.Group> groups = QuestionGroups.group(List.of(q("?", "ko", "fallback", 1), q("ㅋ", "ko", "fallback", 0)));
        assertEquals(2, groups.stream().mapToInt(QuestionGroups.Group::count).sum());
        assertEquals(List.of(), QuestionGroups.group(List.of()));
    }
}
