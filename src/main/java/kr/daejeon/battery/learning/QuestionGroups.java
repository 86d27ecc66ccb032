package kr.daejeon.battery.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.daejeon.battery.nlu.ScoredIntent;
import kr.daejeon.battery.nlu.TextNormalizer;

/**
 * Groups similar unanswered questions so staff see "asked 14 times" rather than 14 lines. Similar
 * means a Jaccard overlap of at least {@link #SIMILAR} between feature sets: for Korean, character
 * bigrams of the normalized text without spaces (so particles, endings and spacing do not split a
 * group); for other text, its words without the function words every question shares.
 */
public final class QuestionGroups {

    static final double SIMILAR = 0.4;
    private static final Set<String> FUNCTION_WORDS = Set.of("a", "an", "the", "is", "are", "was", "be", "do", "does", "did",
            "i", "we", "you", "my", "our", "your", "it", "there", "what", "when", "where", "how", "who", "which", "can",
            "could", "will", "would", "to", "of", "for", "in", "on", "at", "and", "or", "any", "please", "about", "me", "us");

    /**
     * @param example     the most recent wording
     * @param topIntent   the intent the classifier leaned to most often in the group (a hint for staff)
     */
    public record Group(String example, int count, List<String> languages, String topIntent, Instant lastAsked,
                        List<String> wordings) {
    }

    private QuestionGroups() {
    }

    /** Groups newest-first questions; biggest groups first, then most recent. */
    public static List<Group> group(List<UnansweredQuestion> questions) {
        List<List<UnansweredQuestion>> clusters = new ArrayList<>();
        List<Set<String>> centroids = new ArrayList<>();
        for (UnansweredQuestion q : questions) {
            Set<String> grams = features(q.text());
            int best = -1;
            double bestScore = SIMILAR;
            for (int i = 0; i < clusters.size(); i++) {
                double score = jaccard(grams, centroids.get(i));
                if (score >= bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            if (best < 0) {
                clusters.add(new ArrayList<>(List.of(q)));
                centroids.add(grams);
            } else {
                clusters.get(best).add(q);
            }
        }
        List<Group> out = new ArrayList<>();
        for (List<UnansweredQuestion> c : clusters) {
            Map<String, Integer> intents = new LinkedHashMap<>();
            Set<String> languages = new java.util.TreeSet<>();
            List<String> wordings = new ArrayList<>();
            for (UnansweredQuestion q : c) {
                languages.add(q.language());
                if (!q.topIntents().isEmpty()) {
                    ScoredIntent top = q.topIntents().get(0);
                    intents.merge(top.intent(), 1, Integer::sum);
                }
                if (wordings.size() < 10 && !wordings.contains(q.text())) {
                    wordings.add(q.text());
                }
            }
            String topIntent = intents.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            out.add(new Group(c.get(0).text(), c.size(), List.copyOf(languages), topIntent, c.get(0).at(), wordings));
        }
        out.sort(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::lastAsked, Comparator.reverseOrder()));
        return out;
    }

    static Set<String> features(String text) {
        String t = TextNormalizer.normalize(text);
        Set<String> out = new HashSet<>();
        if (t.codePoints().anyMatch(c -> c >= 0xAC00 && c <= 0xD7A3)) {
            String joined = t.replace(" ", "");
            for (int i = 0; i + 2 <= joined.length(); i++) {
                out.add(joined.substring(i, i + 2));
            }
        } else {
            for (String w : t.split("[^\\p{L}\\p{N}]+")) {
                if (!w.isEmpty() && !FUNCTION_WORDS.contains(w)) {
                    out.add(w);
                }
            }
        }
        if (out.isEmpty()) {
            out.add(t);
        }
        return out;
    }

    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) {
            return 1;
        }
        int common = 0;
        for (String g : a) {
            if (b.contains(g)) {
                common++;
            }
        }
        return common / (double) (a.size() + b.size() - common);
    }
}
