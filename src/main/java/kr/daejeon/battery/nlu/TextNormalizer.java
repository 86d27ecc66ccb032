package kr.daejeon.battery.nlu;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Puts user text into the one shape that training and classification both see, so that
 * full-width letters, case, punctuation, emoji and "ㅋㅋㅋㅋㅋ"-style repetition do not create
 * features the model never saw in training.
 */
public final class TextNormalizer {

    /** Longer input is cut here: the intent is in the first sentences, and cost must stay bounded. */
    public static final int MAX_CHARS = 600;

    private TextNormalizer() {
    }

    public static String normalize(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        String text = raw.length() > MAX_CHARS * 2 ? raw.substring(0, MAX_CHARS * 2) : raw;
        text = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_CHARS));
        int last = -1;
        int run = 0;
        for (int i = 0; i < text.length() && out.length() < MAX_CHARS; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            int mapped = isWordChar(cp) ? cp : ' ';
            if (mapped == ' ' && (out.length() == 0 || last == ' ')) {
                continue;
            }
            run = mapped == last ? run + 1 : 1;
            // Repetition beyond two carries no meaning ("감사합니다!!!", "soooo", "ㅠㅠㅠㅠ").
            if (run > 2) {
                continue;
            }
            out.appendCodePoint(mapped);
            last = mapped;
        }
        int end = out.length();
        while (end > 0 && out.charAt(end - 1) == ' ') {
            end--;
        }
        out.setLength(end);
        return out.toString();
    }

    static boolean isWordChar(int cp) {
        return Character.isLetterOrDigit(cp) && !Character.isISOControl(cp);
    }

    public static boolean isHangul(int cp) {
        return (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3130 && cp <= 0x318F);
    }
}
