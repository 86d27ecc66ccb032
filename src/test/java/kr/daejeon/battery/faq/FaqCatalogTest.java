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
import kr.daejeon.battery.support.TestContent;
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

    /**
     * Numbers, dates, phone numbers and URLs beyond the announcement need a provenance: public
     * (with its sources named) or example (listed and marked for the reader), in every answer.
     */
    @Test
    void everyConcreteDetailOutsideTheAnnouncementIsPublicWithSourcesOrMarkedExample() {
        Pattern concrete = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{2,3}-\\d{3,4}-\\d{4}|@|https?://|\\d+\\s*(만|억|천)?\\s*원|\\d+\\s*(명|시간|쪽|%)");
        FaqCatalog faq = FaqCatalog.load(Path.of("faq"));
        int checked = 0;
        for (Answer a : faq.answers().values()) {
            FaqEntry e = a.entry();
            String text = e.answer().ko() + " " + e.answer().en();
            String withoutAnnouncementFacts = text.replace("20억 원", "").replace("2 billion won", "");
            boolean hasDetails = concrete.matcher(withoutAnnouncementFacts).find() || !e.dates().isEmpty() || !e.links().isEmpty();
            if (hasDetails) {
                checked++;
                assertTrue(e.source().equals("example") || e.source().equals("public"), a.id() + " has details without a provenance");
            }
            if (e.source().equals("public")) {
                assertFalse(a.sources().isEmpty(), a.id() + ": public facts must name their sources");
            }
            if (e.source().equals("example")) {
                assertFalse(e.exampleFacts().isEmpty(), a.id());
                assertTrue(e.answer().ko().contains("[예시]") && e.answer().en().contains("[Example]"),
                        a.id() + ": users must see that the details are examples");
            }
            for (Link l : e.links()) {
                assertTrue(l.example() || l.url().startsWith("https://www.djtp.or.kr") || l.url().startsWith("https://www.dips.or.kr"),
                        a.id() + ": a link that is not marked example must be one of the program's public pages: " + l.url());
            }
        }
        assertTrue(checked > 50, "the check must see the answers: " + checked);
    }

    /** An example entry whose marker is missing, or a public one without sources, stops the start. */
    @Test
    void anAnswerWithoutItsProvenanceIsRefused() {
        Path unmarked = TestContent.faqWith("qa/leading_company.yaml", "source: public\n    sources:\n      - \"전자신문·뉴스1·뉴데일리 2026-01-28 (2026년 공고)\"\n      - \"전자신문·타임뉴스 2024-02-02 (2024년 공고)\"",
                "source: example\n    example_facts: [\"amount\"]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaqCatalog.load(unmarked));
        assertTrue(e.getMessage().contains("leading_amount") && e.getMessage().contains("[예시]"), e.getMessage());
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
