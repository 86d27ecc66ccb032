package kr.daejeon.battery.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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

    /**
     * Groups newest-first questions; biggest groups first, then most recent.
     *
     * <p>Each question joins the group whose first question is most similar (the later group on a
     * tie), or starts a new one. Comparing every question with every group was quadratic (41–63 s at
     * 5,000 distinct questions); {@link #cluster} finds the same groups with an index, see there.
     */
    public static List<Group> group(List<UnansweredQuestion> questions) {
        return summarize(cluster(questions));
    }

    /**
     * The questions of each group, in the order the groups were started.
     *
     * <p>Prefix filtering, exact for Jaccard: sort every feature set rarest feature first (by how many
     * of these questions have it). If two sets share {@code o} features, the first shared one is
     * within the first {@code |x| - o + 1} features of each; and reaching {@link #SIMILAR} needs
     * {@code o ≥ ⌈SIMILAR·|x|⌉}. So a group is indexed under the first {@code |x| - ⌈SIMILAR·|x|⌉ + 1}
     * features of its first question, a question looks up its own such prefix, and only the groups
     * found there (which always include every group it could join) get a Jaccard, unless the positions
     * of the first shared feature already rule it out. The common features ("요?", "세요", "how") sort
     * last and stay out of the index, so look-ups stay short. JMH (QuestionGroupsBenchmark): 0.42 s
     * instead of 6.2 s for 5,000 distinct questions.
     */
    static List<List<UnansweredQuestion>> cluster(List<UnansweredQuestion> questions) {
        // Every feature becomes an int, numbered rarest first, and every set a sorted int array: then
        // the prefix is the array's start and an overlap is one merge of two arrays.
        List<Set<String>> featureSets = new ArrayList<>(questions.size());
        Map<String, Integer> frequency = new HashMap<>();
        for (UnansweredQuestion q : questions) {
            Set<String> grams = features(q.text());
            featureSets.add(grams);
            for (String g : grams) {
                frequency.merge(g, 1, Integer::sum);
            }
        }
        List<String> byRarity = new ArrayList<>(frequency.keySet());
        byRarity.sort(Comparator.<String>comparingInt(frequency::get).thenComparing(Comparator.naturalOrder()));
        Map<String, Integer> rank = new HashMap<>(byRarity.size() * 2);
        for (int i = 0; i < byRarity.size(); i++) {
            rank.put(byRarity.get(i), i);
        }
        List<List<UnansweredQuestion>> clusters = new ArrayList<>();
        List<int[]> centroids = new ArrayList<>();
        IntList[] index = new IntList[byRarity.size()];
        int[] seen = new int[16];
        int stamp = 0;
        for (int qi = 0; qi < questions.size(); qi++) {
            int[] x = featureSets.get(qi).stream().mapToInt(rank::get).sorted().toArray();
            int n = x.length;
            int prefix = prefixLength(n);
            stamp++;
            int best = -1;
            double bestScore = SIMILAR;
            for (int i = 0; i < prefix; i++) {
                IntList posting = index[x[i]];
                if (posting == null) {
                    continue;
                }
                for (int k = 0; k < posting.size; k += 2) {
                    int c = posting.items[k];
                    if (seen[c] == stamp) {
                        continue;
                    }
                    seen[c] = stamp;
                    int[] y = centroids.get(c);
                    int m = y.length;
                    // |x ∩ y| / |x ∪ y| ≤ min/max of the sizes: too different in size cannot reach SIMILAR
                    // (the margins keep a pair right at the bound, 2 of 5, in).
                    if (Math.min(n, m) < SIMILAR * Math.max(n, m) - 1e-9) {
                        continue;
                    }
                    // Positional filter: this is the first shared feature (at i in x, j in y), so at most
                    // 1 + min(n - i - 1, m - j - 1) are shared, and SIMILAR needs ⌈SIMILAR·(n+m)/(1+SIMILAR)⌉.
                    int j = posting.items[k + 1];
                    int needed = (int) Math.ceil(SIMILAR * (n + m) / (1 + SIMILAR) - 1e-9);
                    if (1 + Math.min(n - i - 1, m - j - 1) < needed) {
                        continue;
                    }
                    int shared = 1 + overlap(x, i + 1, y, j + 1);
                    double score = shared / (double) (n + m - shared);
                    if (score > bestScore || (score == bestScore && c > best)) {
                        best = c;
                        bestScore = score;
                    }
                }
            }
            if (best < 0) {
                int id = clusters.size();
                clusters.add(new ArrayList<>(List.of(questions.get(qi))));
                centroids.add(x);
                if (seen.length == id) {
                    seen = java.util.Arrays.copyOf(seen, id * 2);
                }
                for (int i = 0; i < prefix; i++) {
                    if (index[x[i]] == null) {
                        index[x[i]] = new IntList();
                    }
                    index[x[i]].add(id);
                    index[x[i]].add(i);
                }
            } else {
                clusters.get(best).add(questions.get(qi));
            }
        }
        return clusters;
    }

    /** How many of a set's rarest features can hold the first one it shares with any set it is similar to. */
    private static int prefixLength(int size) {
        // The margin keeps ⌈0.4·5⌉ at 2 (0.4 is not exact in binary).
        int needed = (int) Math.ceil(SIMILAR * size - 1e-9);
        return Math.max(1, size - needed + 1);
    }

    /** Shared elements of two sorted arrays without repeats, from {@code a[i]} and {@code b[j]} on. */
    private static int overlap(int[] a, int i, int[] b, int j) {
        int shared = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                shared++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return shared;
    }

    private static List<Group> summarize(List<List<UnansweredQuestion>> clusters) {
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

    /** A growable list of ints, so the posting lists do not box anything: (group id, position) pairs. */
    private static final class IntList {
        int[] items = new int[4];
        int size;

        void add(int v) {
            if (size == items.length) {
                items = java.util.Arrays.copyOf(items, size * 2);
            }
            items[size++] = v;
        }
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
