package kr.daejeon.battery.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped FAQ content, and the loader's checks that protect it from editing mistakes. */
class FaqCatalogTest {

    static final List<String> CONTRACT_INTENTS = List.of("program_overview", "eligibility", "leading_company",
            "promising_company", "support_benefits", "application_deadline", "application_process", "required_documents",
            "selection_process", "training_program", "training_schedule", "training_enrollment", "industry_network",
            "contact", "human_handoff", "greeting", "goodbye", "fallback");

    @Test
    void shippedContentCoversEveryContractIntentInBothLanguages() {
        FaqCatalog faq = FaqCatalog.load(Path.of("faq"));
        IntentCorpus corpus = IntentCorpus.load(Path.of("intents"));
        for (String intent : CONTRACT_INTENTS) {
            assertTrue(corpus.intents().contains(intent), "training utterances for " + intent);
            if (!intent.equals("fallback") && !intent.equals("human_handoff")) {
                FaqEntry e = faq.entry(intent).orElseThrow(() -> new AssertionError("FAQ entry for " + intent));
                assertFalse(e.answer().ko().isBlank());
                assertFalse(e.answer().en().isBlank());
            }
        }
        assertEquals("상담원 연결", faq.handoffLabel(Language.KO));
        assertEquals("Talk to staff", faq.handoffLabel(Language.EN));
    }

    @Test
    void everyShippedIntentHasEnoughVariedUtterances() {
        IntentCorpus corpus = IntentCorpus.load(Path.of("intents"));
        for (String intent : CONTRACT_INTENTS) {
            assertTrue(corpus.count(intent, Language.KO) >= 30, intent + " needs 30 Korean utterances");
            assertTrue(corpus.count(intent, Language.EN) >= 25, intent + " needs 25 English utterances");
        }
    }

    /** Numbers, dates, phone numbers and URLs that the announcement does not contain must be marked example. */
    @Test
    void everyConcreteDetailOutsideTheAnnouncementIsMarkedExample() {
        Pattern concrete = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{2,3}-\\d{3,4}-\\d{4}|@|https?://|\\d+\\s*(만|억|천)?\\s*원|\\d+\\s*(명|시간|쪽|%)");
        FaqCatalog faq = FaqCatalog.load(Path.of("faq"));
        for (FaqEntry e : faq.entries()) {
            String text = e.answer().ko() + " " + e.answer().en();
            String withoutAnnouncementFacts = text.replace("20억 원", "").replace("2 billion won", "");
            if (concrete.matcher(withoutAnnouncementFacts).find() || !e.dates().isEmpty() || !e.links().isEmpty()) {
                assertEquals("example", e.source(), e.intent() + " has example data but is not marked");
                assertFalse(e.exampleFacts().isEmpty(), e.intent());
            }
            if (e.source().equals("example")) {
                assertTrue(e.answer().ko().contains("[예시]") && e.answer().en().contains("[Example]"),
                        e.intent() + ": users must see that the details are examples");
            }
        }
    }

    @Test
    void quickReplyLabelsMapBackToTheirIntent() {
        FaqCatalog faq = FaqCatalog.load(Path.of("faq"));
        for (FaqEntry e : faq.entries()) {
            assertEquals(e.intent(), faq.intentForLabel(e.title().ko()).orElseThrow());
            assertEquals(e.intent(), faq.intentForLabel(e.title().en()).orElseThrow());
        }
        assertEquals("human_handoff", faq.intentForLabel("상담원 연결").orElseThrow());
        assertTrue(faq.intentForLabel("아무 말").isEmpty());
    }

    @Test
    void editingMistakesAreAllReportedWithTheirPlace(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), """
                entries:
                  - intent: application_deadline
                    source: example
                    title: {ko: 기간}
                    answer:
                      ko: "{window:nope} 마감"
                      en: "x"
                    follow_ups: [no_such_intent]
                    dates:
                      application: {opens: "2027-03-01", closes: "2027-03-15T18:00:00+09:00"}
                messages: {}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaqCatalog.load(dir));
        String m = e.getMessage();
        assertTrue(m.contains("example_facts"), m);
        assertTrue(m.contains("title: needs both"), m);
        assertTrue(m.contains("{window:nope}"), m);
        assertTrue(m.contains("no_such_intent"), m);
        assertTrue(m.contains("ISO-8601"), m);
        assertTrue(m.contains("messages.clarify"), m);
        assertTrue(m.contains("broken.yaml"), m);
    }
}
