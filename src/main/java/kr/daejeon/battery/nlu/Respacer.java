package kr.daejeon.battery.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opennlp.tools.ml.model.MaxentModel;

/**
 * Puts the spaces back into run-together Hangul ("신청마감언제에요" → "신청 마감 언제에요"), the way
 * people type on a phone. Without spaces the classifier keeps its syllable n-grams but loses every
 * word and word-pair feature, and {@link MessageStructure} cannot find where a greeting or an
 * introduction ends, so a long message read as one word looked out of scope or like a greeting.
 *
 * <p>Word segmentation against the training vocabulary (the model's word features): a long Hangul run
 * that is not itself a known word is cut into the fewest known words; letters no known word covers
 * stay with the word before them (a particle or an ending the training data spelt differently).
 * A run is only cut when known words cover most of it, so a new name is not chopped into pieces.
 * Immutable and thread-safe; a dynamic programme over a few dozen syllables, so microseconds.
 */
public final class Respacer {

    private static final String WORD = "w=";
    /** Runs shorter than this are ordinary Korean words with their particles; only longer ones can be several words. */
    static final int MIN_RUN = 6;
    /** In a spaced message a run this long is still cut ("선도기업지원금얼마예요" inside a spaced sentence). */
    static final int LONG_RUN = 10;
    /**
     * Korean words with their particles average three to four syllables; a message whose Hangul words average
     * this many or more was typed without (most of) its spaces, and only then are shorter runs cut: in a spaced
     * message "제조업체예요" or "가공하는" is one word.
     */
    static final double SPACELESS = 5.5;
    private static final int MAX_WORD = 12;
    /** An uncovered syllable costs more than a known word, so full cover by known words wins. */
    private static final double UNKNOWN = 1.5;

    private final Set<String> words;

    Respacer(Set<String> words) {
        this.words = Set.copyOf(words);
    }

    /** The Hangul words among the model's features ({@code w=…} of {@link IntentFeatures}); empty when it has none. */
    static Respacer of(MaxentModel model) {
        Set<String> words = ModelFeatures.withPrefix(model, WORD,
                w -> !w.isEmpty() && w.length() <= MAX_WORD && allSyllables(w, 0));
        // A loanword ("리딩기업트랙조건이뭐죠") must stay whole for Loanwords to rewrite it.
        if (!words.isEmpty()) {
            words.addAll(Loanwords.hangulSpellings());
        }
        return new Respacer(words);
    }

    /** The text with spaces put into long run-together Hangul; the same string when nothing changed. */
    public String respace(String text) {
        if (words.isEmpty() || text == null || text.length() < MIN_RUN) {
            return text;
        }
        return respaceRuns(text, spaceless(text.split("\\s+")) ? MIN_RUN : LONG_RUN);
    }

    private String respaceRuns(String text, int cut) {
        StringBuilder out = null;
        int i = 0;
        int copied = 0;
        while (i < text.length()) {
            if (!syllable(text.charAt(i))) {
                i++;
                continue;
            }
            int start = i;
            while (i < text.length() && syllable(text.charAt(i))) {
                i++;
            }
            String run = text.substring(start, i);
            if (run.length() >= cut && !words.contains(run)) {
                String spaced = segment(run);
                if (spaced != null) {
                    if (out == null) {
                        out = new StringBuilder(text.length() + 8);
                    }
                    out.append(text, copied, start).append(spaced);
                    copied = i;
                }
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** Normalized tokens with their long runs cut into words; the same array when nothing changed. */
    String[] respace(String[] tokens) {
        if (words.isEmpty()) {
            return tokens;
        }
        int cut = spaceless(tokens) ? MIN_RUN : LONG_RUN;
        List<String> out = null;
        for (int t = 0; t < tokens.length; t++) {
            String token = tokens[t];
            String spaced = token.length() >= cut ? respaceRuns(token, MIN_RUN) : token;
            if (!spaced.equals(token) && out == null) {
                out = new ArrayList<>(tokens.length + 4);
                for (int k = 0; k < t; k++) {
                    out.add(tokens[k]);
                }
            }
            if (out != null) {
                for (String s : spaced.split(" ")) {
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
        }
        return out == null ? tokens : out.toArray(new String[0]);
    }

    /** The run cut into known words, or null when it stays one piece or known words cover too little of it. */
    private String segment(String run) {
        int n = run.length();
        double[] cost = new double[n + 1];
        int[] from = new int[n + 1];
        boolean[] known = new boolean[n + 1];
        for (int e = 1; e <= n; e++) {
            cost[e] = cost[e - 1] + UNKNOWN;
            from[e] = e - 1;
            known[e] = false;
            for (int b = Math.max(0, e - MAX_WORD); b < e; b++) {
                if (cost[b] + 1 < cost[e] && words.contains(run.substring(b, e))) {
                    cost[e] = cost[b] + 1;
                    from[e] = b;
                    known[e] = true;
                }
            }
        }
        List<String> pieces = new ArrayList<>();
        List<Boolean> isKnown = new ArrayList<>();
        int coveredByWords = 0;
        for (int e = n; e > 0; e = from[e]) {
            pieces.add(0, run.substring(from[e], e));
            isKnown.add(0, known[e]);
            if (known[e]) {
                coveredByWords += e - from[e];
            }
        }
        // A name or a word the training data never had is left whole rather than chopped up.
        if (coveredByWords * 3 < n * 2) {
            return null;
        }
        List<String> merged = new ArrayList<>();
        for (int k = 0; k < pieces.size(); k++) {
            if (!isKnown.get(k) && !merged.isEmpty()) {
                merged.set(merged.size() - 1, merged.get(merged.size() - 1) + pieces.get(k));
            } else if (!isKnown.get(k) && k + 1 < pieces.size() && !isKnown.get(k + 1)) {
                pieces.set(k + 1, pieces.get(k) + pieces.get(k + 1));
            } else {
                merged.add(pieces.get(k));
            }
        }
        return merged.size() < 2 ? null : String.join(" ", merged);
    }

    /** True when the Hangul words average {@link #SPACELESS} syllables or more. */
    static boolean spaceless(String[] words) {
        int syllables = 0;
        int hangulWords = 0;
        for (String w : words) {
            int n = 0;
            for (int i = 0; i < w.length(); i++) {
                if (syllable(w.charAt(i))) {
                    n++;
                }
            }
            if (n > 0) {
                syllables += n;
                hangulWords++;
            }
        }
        return hangulWords > 0 && syllables >= SPACELESS * hangulWords;
    }

    private static boolean allSyllables(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (!syllable(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean syllable(char c) {
        return c >= 0xAC00 && c <= 0xD7A3;
    }
}
