package kr.daejeon.battery.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import kr.daejeon.battery.support.TestContent;
import org.junit.jupiter.api.Test;

/** The rules are the program office's data: loaded and checked as a whole, mistakes named. */
class EligibilityRulesTest {

    @Test
    void theShippedRulesLoad() {
        EligibilityRules rules = EligibilityRules.load(Path.of("faq/eligibility.yaml"));
        assertEquals(4, rules.questions().size());
        assertEquals(2, rules.tracks().size());
        EligibilityRules.Clause years = rules.tracks().get(0).clauses().get(3);
        assertTrue(years.passes("7") && !years.passes("6") && !years.passes(null) && !years.passes("many"));
    }

    @Test
    void aClauseOnAnUnknownQuestionAndMissingTranslationsAreReported() {
        Path dir = TestContent.faqWith("eligibility.yaml", "{question: years, min: 7, text: {ko: \"업력 7년 이상\", en: \"7 or more years in business\"}}",
                "{question: age, min: 7, text: {ko: \"업력 7년 이상\"}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EligibilityRules.load(dir.resolve("eligibility.yaml")));
        assertTrue(e.getMessage().contains("unknown question 'age'") && e.getMessage().contains("needs both 'ko' and 'en'"),
                e.getMessage());
    }
}
