package kr.daejeon.battery.nlu;

/**
 * Decides whether a message is Korean or English. Korean users mix in English terms
 * ("deadline이 언제예요?"), so a little Hangul is enough to answer in Korean.
 */
public final class LanguageDetector {

    private LanguageDetector() {
    }

    /** Returns the message language, or {@code fallback} when the text has no letters (emoji, digits). */
    public static Language detect(String text, Language fallback) {
        if (text == null) {
            return fallback;
        }
        int hangul = 0;
        int latin = 0;
        int limit = Math.min(text.length(), 2000);
        for (int i = 0; i < limit; ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (TextNormalizer.isHangul(cp)) {
                hangul++;
            } else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xFF21 && cp <= 0xFF5A)) {
                latin++;
            }
        }
        if (hangul == 0 && latin == 0) {
            return fallback;
        }
        // A Hangul syllable carries about as much as three Latin letters.
        return hangul * 3 >= latin ? Language.KO : Language.EN;
    }
}
