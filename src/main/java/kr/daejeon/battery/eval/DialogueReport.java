package kr.daejeon.battery.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.daejeon.battery.nlu.Language;

/**
 * Second-turn accuracy of two-turn dialogues per language, next to the accuracy of the same second
 * messages sent alone: the difference is what the conversation's memory of the first turn is worth.
 */
public record DialogueReport(Map<Language, Result> results) {

    /** The counts of one language. */
    public static final class Result {
        private int total;
        private int correct;
        private int correctAlone;
        private final List<String> misses = new ArrayList<>();

        void count(boolean right, boolean rightAlone) {
            total++;
            correct += right ? 1 : 0;
            correctAlone += rightAlone ? 1 : 0;
        }

        public int total() {
            return total;
        }

        /** Share of second replies with the expected intent. */
        public double accuracy() {
            return total == 0 ? 0 : (double) correct / total;
        }

        /** The same share when the second message is sent without the first. */
        public double aloneAccuracy() {
            return total == 0 ? 0 : (double) correctAlone / total;
        }

        public List<String> misses() {
            return misses;
        }
    }

    /** Second-turn accuracy of a language in percent (0 when the set has no dialogue in it). */
    public double accuracy(Language language) {
        Result r = results.get(language);
        return r == null ? 0 : 100 * r.accuracy();
    }

    public List<String> misses() {
        List<String> out = new ArrayList<>();
        results.values().forEach(r -> out.addAll(r.misses()));
        return out;
    }

    public String table() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "  %-4s %6s %17s %21s%n", "lang", "n", "second-turn acc", "second message alone"));
        results.forEach((language, r) -> sb.append(String.format(Locale.ROOT, "  %-4s %6d %16.1f%% %20.1f%%%n",
                language.code(), r.total(), 100 * r.accuracy(), 100 * r.aloneAccuracy())));
        return sb.toString();
    }
}
