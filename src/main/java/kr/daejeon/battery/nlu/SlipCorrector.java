package kr.daejeon.battery.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import opennlp.tools.ml.model.MaxentModel;

/**
 * Undoes one mistyped vowel or final consonant in a Hangul syllable ("겨육" → "교육", "신청재격" →
 * "신청자격"), checked against the syllable pairs the model was trained on. One slip breaks every
 * syllable n-gram the syllable is in, so the model sees a word it never learned; the letter n-grams
 * ({@link IntentFeatures}) soften that, this restores the word itself.
 *
 * <p>A syllable is only touched when neither of its pairs with its neighbours was ever seen, and only
 * replaced by the one syllable (differing in the vowel or the final alone) that makes its pairs known;
 * when two or more would do, the text is left as it is. Immutable and thread-safe; a few dozen set
 * look-ups per unknown syllable, so microseconds per message.
 */
public final class SlipCorrector {

    private static final String PAIR = "k2=";
    private static final int VOWELS = 21;
    private static final int FINALS = 28;

    private final Set<String> pairs;

    SlipCorrector(Set<String> pairs) {
        this.pairs = Set.copyOf(pairs);
    }

    /** The syllable pairs among the model's features ({@code k2=…} of {@link IntentFeatures}); empty when it has none. */
    static SlipCorrector of(MaxentModel model) {
        Set<String> pairs = ModelFeatures.withPrefix(model, PAIR, p -> p.length() == 2);
        return new SlipCorrector(pairs);
    }

    /** The tokens with slipped syllables restored; the same array when nothing changed. */
    String[] correct(String[] tokens) {
        if (pairs.isEmpty()) {
            return tokens;
        }
        // The Hangul run as the features see it: tokens joined without spaces, a Latin token breaks it.
        List<int[]> at = new ArrayList<>(); // {token, index} of each character of the run, null for a break
        StringBuilder run = new StringBuilder();
        for (int t = 0; t < tokens.length; t++) {
            boolean hangul = tokens[t].chars().anyMatch(c -> TextNormalizer.isHangul((char) c));
            if (!hangul) {
                run.append(' ');
                at.add(null);
                continue;
            }
            for (int i = 0; i < tokens[t].length(); i++) {
                run.append(tokens[t].charAt(i));
                at.add(new int[] {t, i});
            }
        }
        String[] out = null;
        for (int p = 0; p < run.length(); p++) {
            char x = run.charAt(p);
            int[] parts = Jamo.parts(x);
            if (parts == null) {
                continue;
            }
            char left = p > 0 && Jamo.parts(run.charAt(p - 1)) != null ? run.charAt(p - 1) : 0;
            char right = p + 1 < run.length() && Jamo.parts(run.charAt(p + 1)) != null ? run.charAt(p + 1) : 0;
            if ((left == 0 && right == 0) || known(left, x, right) > 0) {
                continue;
            }
            char fix = replacement(parts, left, right);
            if (fix != 0) {
                run.setCharAt(p, fix);
                int[] where = at.get(p);
                if (out == null) {
                    out = tokens.clone();
                }
                StringBuilder token = new StringBuilder(out[where[0]]);
                token.setCharAt(where[1], fix);
                out[where[0]] = token.toString();
            }
        }
        return out == null ? tokens : out;
    }

    /** How many of the syllable's pairs with its neighbours (0 = none) were seen in training. */
    private int known(char left, char x, char right) {
        int n = 0;
        if (left != 0 && pairs.contains("" + left + x)) {
            n++;
        }
        if (right != 0 && pairs.contains("" + x + right)) {
            n++;
        }
        return n;
    }

    /** The single best syllable one vowel or one final away whose pairs are known, or 0 when none or no single best. */
    private char replacement(int[] parts, char left, char right) {
        int sides = (left != 0 ? 1 : 0) + (right != 0 ? 1 : 0);
        for (int need = sides; need >= sides; need--) { // all its pairs must become known: an unknown word is not bent into a known one
            char found = 0;
            int count = 0;
            for (int v = 0; v < VOWELS; v++) {
                if (v != parts[1]) {
                    char y = Jamo.compose(parts[0], v, parts[2]);
                    if (known(left, y, right) == need) {
                        found = y;
                        count++;
                    }
                }
            }
            for (int f = 0; f < FINALS; f++) {
                if (f != parts[2]) {
                    char y = Jamo.compose(parts[0], parts[1], f);
                    if (known(left, y, right) == need) {
                        found = y;
                        count++;
                    }
                }
            }
            if (count == 1) {
                return found;
            }
            if (count > 1) {
                return 0;
            }
        }
        return 0;
    }
}
