package kr.daejeon.battery.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.daejeon.battery.nlu.Language;

/**
 * The scores of a question set per language and per {@link Perturbation}: in-scope accuracy,
 * out-of-scope recall, false fallbacks, the drop against the plain questions, and for messages that
 * ask two things how often both were answered (or offered as a choice).
 */
public record QuestionReport(long seed, Map<Language, Map<Perturbation, Variant>> results) {

    /** The counts of one language in one variant. */
    public static final class Variant {
        private final EvaluationReport report = new EvaluationReport();
        private final EvaluationReport baseline = new EvaluationReport();
        private final List<String> misses = new ArrayList<>();
        private int twoQuestionLines;
        private int bothAnswered;
        private int choiceOffered;

        void countTwoQuestions(boolean answeredBoth, boolean offeredBoth) {
            twoQuestionLines++;
            bothAnswered += answeredBoth ? 1 : 0;
            choiceOffered += !answeredBoth && offeredBoth ? 1 : 0;
        }

        public EvaluationReport report() {
            return report;
        }

        /** The plain replies to the same questions, which the drop is measured against. */
        public EvaluationReport baseline() {
            return baseline;
        }

        /** The questions scored wrong, one line each: where, gold, predicted, the text asked. */
        public List<String> misses() {
            return misses;
        }

        /** Lines that ask two questions ({@code a|b}). */
        public int twoQuestionLines() {
            return twoQuestionLines;
        }

        /** Of those, replies that answered both. */
        public int bothAnswered() {
            return bothAnswered;
        }

        /** Of those, replies that did not answer but offered both topics to choose from. */
        public int choiceOffered() {
            return choiceOffered;
        }
    }

    public Variant get(Language language, Perturbation perturbation) {
        Map<Perturbation, Variant> byVariant = results.get(language);
        Variant v = byVariant == null ? null : byVariant.get(perturbation);
        if (v == null) {
            throw new IllegalArgumentException("no " + perturbation + " result for " + language.code());
        }
        return v;
    }

    /** In-scope accuracy of a language in a variant, in percent. */
    public double accuracy(Language language, Perturbation perturbation) {
        return 100 * get(language, perturbation).report().inScopeAccuracy();
    }

    /**
     * How many points of in-scope accuracy the variant loses against the same questions asked plain
     * (negative: it gains). The opener variant leaves out questions that already have an opener.
     */
    public double drop(Language language, Perturbation perturbation) {
        Variant v = get(language, perturbation);
        return 100 * (v.baseline().inScopeAccuracy() - v.report().inScopeAccuracy());
    }

    /** Every miss, for finding what to fix. */
    public List<String> misses() {
        List<String> out = new ArrayList<>();
        results.values().forEach(byVariant -> byVariant.values().forEach(v -> out.addAll(v.misses())));
        return out;
    }

    /** One line per language and variant. */
    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-4s %-11s %6s %9s %6s %10s %9s  %s%n", "lang", "variant", "n", "in-scope",
                "drop", "oos recall", "false fb", "two questions: both answered (+ offered as choice) / lines"));
        results.forEach((language, byVariant) -> byVariant.forEach((p, v) -> {
            EvaluationReport r = v.report();
            String drop = p == Perturbation.PLAIN ? "-" : String.format(Locale.ROOT, "%.1f", drop(language, p));
            String two = v.twoQuestionLines() == 0 ? "-"
                    : String.format(Locale.ROOT, "%d (+%d) / %d", v.bothAnswered(), v.choiceOffered(), v.twoQuestionLines());
            sb.append(String.format(Locale.ROOT, "  %-4s %-11s %6d %8.1f%% %6s %9.1f%% %8.1f%%  %s%n", language.code(),
                    p.label(language), r.total(), 100 * r.inScopeAccuracy(), drop, 100 * r.outOfScopeRecall(),
                    100 * r.falseFallbackRate(), two));
        }));
        return sb.toString();
    }
}
