package kr.daejeon.battery.nlu;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Features for OpenNLP's document categorizer that survive Korean particles and optional
 * spacing: words, word pairs, character n-grams of the text with its spaces removed (so
 * "지원자격은", "지원 자격이" and "지원자격" share "지원", "원자", "자격"), and character
 * n-grams inside Latin words (so "dedline" still looks like "deadline").
 *
 * <p>Stateless and public with a no-argument constructor: OpenNLP instantiates it by class
 * name when a saved model is loaded, and many threads call it at once.
 */
public class IntentFeatures implements FeatureGenerator {

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        return extract(tokens);
    }

    /** The feature strings of already normalized tokens. */
    public static List<String> extract(String[] tokens) {
        LinkedHashSet<String> features = new LinkedHashSet<>();
        StringBuilder hangulRun = new StringBuilder();
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty()) {
                continue;
            }
            features.add("w=" + token);
            if (i + 1 < tokens.length) {
                features.add("b=" + token + "_" + tokens[i + 1]);
            }
            if (containsHangul(token)) {
                hangulRun.append(token);
                if (token.length() >= 2) {
                    // The first two syllables are usually the noun stem before any particle.
                    features.add("p=" + token.substring(0, 2));
                }
            } else {
                addCharGrams(features, "<" + token + ">", 3, 5, "c");
                // English words inside Korean sentences keep the Korean run going for n-grams.
                hangulRun.append(' ');
            }
        }
        String joined = hangulRun.toString();
        for (String part : joined.split(" ")) {
            if (!part.isEmpty()) {
                addCharGrams(features, part, 1, 3, "k");
                // One mistyped vowel or final consonant breaks every syllable n-gram it is in, but only a
                // few of the letter (jamo) n-grams: "신청" and "신쳥" still share most of them.
                addCharGrams(features, Jamo.decompose(part), JAMO_MIN, JAMO_MAX, "j");
            }
        }
        return new ArrayList<>(features);
    }

    static final int JAMO_MIN = 3;
    static final int JAMO_MAX = 4;

    private static void addCharGrams(Collection<String> out, String s, int min, int max, String prefix) {
        int len = s.length();
        for (int n = min; n <= max; n++) {
            for (int start = 0; start + n <= len; start++) {
                out.add(prefix + n + "=" + s.substring(start, start + n));
            }
        }
    }

    private static boolean containsHangul(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (TextNormalizer.isHangul(token.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
