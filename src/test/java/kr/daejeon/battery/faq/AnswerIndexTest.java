package kr.daejeon.battery.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Retrieval over the shipped answers' question variants: ranking, leave-one-out, general questions. */
class AnswerIndexTest {

    static AnswerIndex index;

    @BeforeAll
    static void load() {
        index = FaqCatalog.load(Path.of("faq")).index();
    }

    @Test
    void aQuestionWordedDifferentlyFindsItsAnswerWithinTheTopic() {
        List<AnswerIndex.Match> r = index.rank("원본 꼭 내야 하나요?", List.of("required_documents"), 3);
        assertEquals("docs_originals_copies", r.get(0).answer().id(), r.toString());
        assertTrue(r.get(0).similarity() > r.get(1).similarity());
        assertTrue(r.stream().allMatch(m -> m.answer().topic().equals("required_documents")), "only the topics asked for");
        assertTrue(index.rank("", List.of("required_documents"), 3).isEmpty());
    }

    @Test
    void leavingOutAVariantNeverMatchesThroughIt() {
        String variant = "원본 내야 해요 사본 내도 돼요?";
        AnswerIndex.Match with = index.rank(variant, List.of("required_documents"), 1).get(0);
        assertEquals(variant, with.variant());
        AnswerIndex.Match without = index.rank(variant, List.of("required_documents"), 1, variant).get(0);
        assertNotEquals(variant, without.variant());
        assertTrue(without.similarity() < with.similarity());
    }

    @Test
    void generalQuestionsAreToldFromSpecificOnes() {
        assertTrue(index.isGeneral("제출 서류가 뭐예요?", "required_documents"));
        assertFalse(index.isGeneral("원본 내야 해요?", "required_documents"));
        assertTrue(index.knowsEveryNoun("원본 내야 해요?"));
    }

    @Test
    void aPlaceOutsideDaejeonAsksTheLocationRuleWhicheverCityItIs() {
        // No variant names Busan or Pohang: the gazetteer tells they are outside Daejeon.
        for (String q : List.of("we're in busan, can we apply?", "포항에 본사가 있는 회사인데 신청 대상이에요?")) {
            AnswerIndex.Match top = index.rank(q, List.of("eligibility"), 1).get(0);
            assertEquals("elig_outside_daejeon", top.answer().id(), q + " -> " + top);
        }
    }

    @Test
    void aQuestionWordTheAnalyserDropsStillMakesTheQuestionSpecific() {
        // "얼마나" is an adverb to the part-of-speech filter; it asks for an amount all the same.
        assertFalse(index.isGeneral("얼마나 받을 수 있어요", "support_benefits"));
        assertTrue(index.isGeneral("deadline?", "application_deadline"));
        assertTrue(index.isGeneral("what's the deadline", "application_deadline"));
        assertFalse(index.isGeneral("마감 시간이 몇 시예요?", "application_deadline"));
    }
}
