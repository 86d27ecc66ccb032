package kr.daejeon.battery.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import kr.daejeon.battery.support.TestContent;
import org.junit.jupiter.api.Test;

/** The rules are the program office's data: loaded and checked as a whole, mistakes named. */
class EligibilityRulesTest {

    static final EligibilityRules RULES = EligibilityRules.load(Path.of("faq/eligibility.yaml"));

    @Test
    void theShippedRulesLoad() {
        assertEquals(5, RULES.questions().size());
        assertEquals(2, RULES.tracks().size());
        EligibilityRules.Clause location = RULES.tracks().get(0).clauses().get(0);
        assertEquals(Verdict.PASS, location.verdict("plant"));
        assertEquals(Verdict.PASS, location.verdict("hq+lab"), "one site in Daejeon is enough");
        assertEquals(Verdict.FAIL, location.verdict("none"));
        assertEquals(Verdict.ONLY_IF, location.verdict("relocation_planned"));
        assertEquals(Verdict.ASK, location.verdict(null));
        EligibilityRules.Clause type = RULES.tracks().get(1).clauses().get(1);
        assertTrue(type.passes("sme") && type.passes("midsized") && !type.passes("large") && !type.passes("pre_founder"));
        assertEquals(Verdict.ASK, type.verdict("sole_proprietor"));
    }

    @Test
    void theLeadingTrackNeedsTwoGrowthRequirements() {
        EligibilityRules.Growth g = RULES.tracks().get(0).growth();
        assertEquals(2, g.minMet());
        assertEquals(Verdict.PASS, g.againstThresholds(Map.of("sales", "70", "employees", "50")));
        assertEquals(Verdict.ASK, g.againstThresholds(Map.of("sales", "70", "employees", "20")), "the third, unasked requirement may make up");
        assertEquals(Verdict.FAIL, g.againstThresholds(Map.of("sales", "5", "employees", "20")));
        assertEquals(Verdict.ASK, g.againstThresholds(Map.of("sales", "unknown", "employees", "20")));
        assertTrue(RULES.tracks().get(1).growth() == null, "the promising track has none");
        g.requirements().forEach(r -> assertTrue(r.text().ko().startsWith("[예시]") && r.text().en().startsWith("[Example]"),
                "the thresholds are not public: " + r.text()));
    }

    @Test
    void exampleThresholdsNeverDecide() {
        EligibilityRules.Growth g = RULES.tracks().get(0).growth();
        assertTrue(g.exampleThresholds(), "the shipped thresholds are example data");
        // Met or missed against invented values, only the office can say: never "may fit", never "does not fit".
        assertEquals(Verdict.ASK, g.verdict(Map.of("sales", "150", "employees", "300")));
        assertEquals(Verdict.ASK, g.verdict(Map.of("sales", "5", "employees", "5")));
    }

    @Test
    void theExampleFlagMustAgreeWithTheRequirementsTexts() {
        Path unflagged = TestContent.faqWith("eligibility.yaml", "example_thresholds: true", "example_thresholds: false");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EligibilityRules.load(unflagged.resolve("eligibility.yaml")));
        assertTrue(e.getMessage().contains("example_thresholds is not true"), e.getMessage());
        Path unmarked = TestContent.faqWith("eligibility.yaml", "{ko: \"[예시] 상시 근로자 30명 이상\", en: \"[Example] 30 or more employees\"}",
                "{ko: \"상시 근로자 30명 이상\", en: \"30 or more employees\"}");
        e = assertThrows(IllegalArgumentException.class, () -> EligibilityRules.load(unmarked.resolve("eligibility.yaml")));
        assertTrue(e.getMessage().contains("must be marked [예시]/[Example]"), e.getMessage());
    }

    @Test
    void recyclingIsForTheOfficeAndCellsAreIn() {
        for (EligibilityRules.Track t : RULES.tracks()) {
            EligibilityRules.Clause segment = t.clauses().stream().filter(c -> c.question().equals("segment")).findFirst().orElseThrow();
            assertEquals(Verdict.ASK, segment.verdict("recycling"), t.id());
            assertTrue(segment.whyAsk("recycling").ko().contains("재활용"), t.id());
            assertEquals(Verdict.PASS, segment.verdict("cells"), t.id());
        }
    }

    @Test
    void everyRuleShownNamesItsPublicSource() {
        for (EligibilityRules.Track t : RULES.tracks()) {
            t.clauses().forEach(c -> assertTrue(RULES.sources().containsKey(c.source()), t.id() + ": " + c.text().ko()));
        }
    }

    @Test
    void aClauseOnAnUnknownQuestionAndMissingTranslationsAreReported() {
        Path dir = TestContent.faqWith("eligibility.yaml", "- {question: employees, min: 30, text: {ko: \"[예시] 상시 근로자 30명 이상\", en: \"[Example] 30 or more employees\"}}",
                "- {question: age, min: 7, text: {ko: \"업력 7년 이상\"}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EligibilityRules.load(dir.resolve("eligibility.yaml")));
        assertTrue(e.getMessage().contains("unknown question 'age'") && e.getMessage().contains("needs both 'ko' and 'en'"),
                e.getMessage());
    }

    @Test
    void anUnknownSourceIsReported() {
        Path dir = TestContent.faqWith("eligibility.yaml", "source: call2026", "source: call2025");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EligibilityRules.load(dir.resolve("eligibility.yaml")));
        assertTrue(e.getMessage().contains("unknown source 'call2025'"), e.getMessage());
    }
}
