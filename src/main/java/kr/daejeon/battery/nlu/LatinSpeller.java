package kr.daejeon.battery.nlu;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import opennlp.tools.ml.model.MaxentModel;

/**
 * Undoes one English typing slip ("apppy" → "apply", "trainijg" → "training", "dealine" →
 * "deadline") against the words the model was trained on. The letter n-grams of
 * {@link IntentFeatures} keep part of a misspelt word, but its word and word-pair features are
 * lost, and in a short question that word is often the whole topic.
 *
 * <p>Only a word the model never saw, of four letters or more, is touched, and only when exactly
 * one known word is one slip away: first a neighbouring key or two swapped letters (the commonest
 * slips), then a letter dropped or doubled. When two known words fit equally, the word is left as
 * it is. Immutable and thread-safe; a few hundred set look-ups per unknown word.
 */
public final class LatinSpeller {

    private static final String WORD = "w=";
    static final int MIN_LENGTH = 4;
    private static final int MAX_LENGTH = 20;
    private static final Map<Character, String> NEIGHBOURS = neighbours();

    private final Set<String> words;

    LatinSpeller(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    /** The Latin words among the model's features ({@code w=…}); empty when it has none. */
    static LatinSpeller of(MaxentModel model) {
        Set<String> words = ModelFeatures.withPrefix(model, WORD, w -> w.length() > 1 && latin(w, 0));
        return new LatinSpeller(words);
    }

    /** The tokens with slipped English words restored; the same array when nothing changed. */
    String[] correct(String[] tokens) {
        if (words.isEmpty()) {
            return tokens;
        }
        String[] out = null;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (t.length() < MIN_LENGTH || t.length() > MAX_LENGTH || words.contains(t) || !latin(t, 0)) {
                continue;
            }
            String fix = fix(t);
            if (fix != null) {
                if (out == null) {
                    out = tokens.clone();
                }
                out[i] = fix;
            }
        }
        return out == null ? tokens : out;
    }

    /**
     * The one known word a single slip away, or null. Many real words the model never saw are one slip from one it
     * did ("head" / "hear", "fine" / "find", "least" / "last", "supports" / "support"), so a slip must be one that
     * rarely joins two real words: two swapped letters from four letters up, a neighbouring key from five, a letter
     * dropped or doubled from six; and an inflection of a known word ("weekends", "founded") is not a slip.
     */
    String fix(String t) {
        Set<String> near = new HashSet<>();
        char[] c = t.toCharArray();
        for (int i = 0; i < c.length; i++) {
            char orig = c[i];
            if (c.length >= NEIGHBOUR_FROM) {
                for (char n : NEIGHBOURS.getOrDefault(orig, "").toCharArray()) {
                    c[i] = n;
                    take(new String(c), near);
                }
            }
            c[i] = orig;
            if (i + 1 < c.length && c[i] != c[i + 1]) {
                char[] s = c.clone();
                s[i] = c[i + 1];
                s[i + 1] = c[i];
                take(new String(s), near);
            }
        }
        // A form of a known word ("founded" next to "founder") is a real word: nothing further is tried.
        if (!near.isEmpty() && near.removeIf(w -> inflected(t, w)) && near.isEmpty()) {
            return null;
        }
        if (!near.isEmpty()) {
            return near.size() == 1 ? near.iterator().next() : null;
        }
        if (t.length() < DROP_FROM) {
            return null;
        }
        Set<String> far = new HashSet<>();
        for (int i = 0; i < t.length(); i++) {
            take(t.substring(0, i) + t.substring(i + 1), far);
        }
        for (int i = 0; i <= t.length(); i++) {
            for (char x = 'a'; x <= 'z'; x++) {
                take(t.substring(0, i) + x + t.substring(i), far);
            }
        }
        far.removeIf(w -> inflected(t, w));
        return far.size() == 1 ? far.iterator().next() : null;
    }

    static final int NEIGHBOUR_FROM = 5;
    static final int DROP_FROM = 6;

    /** Two forms of one word: "supports" / "support", "founded" / "founder", "plans" / "plane". */
    private static boolean inflected(String t, String w) {
        if (t.equals(w + "s") || w.equals(t + "s") || t.equals(w + "es") || w.equals(t + "es")) {
            return true;
        }
        boolean sameButLast = t.length() == w.length() && t.regionMatches(0, w, 0, t.length() - 1);
        return sameButLast && "sdry".indexOf(t.charAt(t.length() - 1)) >= 0;
    }

    private void take(String candidate, Set<String> into) {
        if (candidate.length() >= MIN_LENGTH - 1 && words.contains(candidate)) {
            into.add(candidate);
        }
    }

    private static boolean latin(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 'a' || ch > 'z') {
                return false;
            }
        }
        return true;
    }

    /** The keys around each QWERTY letter key: the same row one step away and the touching keys above and below. */
    private static Map<Character, String> neighbours() {
        String[] table = {"qwa", "wqeas", "ewrsd", "retdf", "tryfg", "ytugh", "uyihj", "iuojk", "oipkl", "pol",
            "aqwsz", "sweadzx", "derfscx", "frtgdcv", "gtyhfvb", "hyujgbn", "juikhnm", "kiojlm", "lopk",
            "zasx", "xzsdc", "cxdfv", "vcfgb", "bvghn", "nbhjm", "mnjk"};
        Map<Character, String> m = new java.util.HashMap<>();
        for (String row : table) {
            m.put(row.charAt(0), row.substring(1));
        }
        return Map.copyOf(m);
    }
}
