package kr.daejeon.battery.content;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import kr.daejeon.battery.eligibility.EligibilityFlow;
import kr.daejeon.battery.eligibility.EligibilityRules;
import kr.daejeon.battery.faq.AnswerRenderer;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.IntentClassifier;

/**
 * One consistent version of the curated content in {@code faq/}: the answers, the renderer that
 * fills their dates and training sessions, and the eligibility pre-check (null when the content has
 * none). Replaced as a whole when the files change.
 */
public record Content(FaqCatalog faq, AnswerRenderer renderer, EligibilityFlow eligibility) {

    /**
     * Loads and validates {@code dir}; every intent the classifier can return (except fallback and
     * handoff) must have an answer. Throws {@link IllegalArgumentException} naming the problems.
     */
    public static Content load(Path dir, ZoneId zone, Collection<String> intents) {
        FaqCatalog faq = FaqCatalog.load(dir);
        List<String> missing = new ArrayList<>();
        for (String intent : intents) {
            if (!intent.equals(IntentClassifier.FALLBACK) && !intent.equals(FaqCatalog.HANDOFF_INTENT) && faq.entry(intent).isEmpty()) {
                missing.add("intent '" + intent + "' has training utterances but no FAQ entry");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", missing));
        }
        Path rules = dir.resolve("eligibility.yaml");
        EligibilityFlow eligibility = Files.isRegularFile(rules) ? new EligibilityFlow(EligibilityRules.load(rules), faq, zone) : null;
        return new Content(faq, new AnswerRenderer(zone, faq.trainingCalendar()), eligibility);
    }
}
