package kr.daejeon.battery.nlu;

/**
 * Hangul syllables as their letters (jamo): 신청 → ᄉ ᅵ ᆫ ᄎ ᅥ ᆼ. Unicode composes every modern
 * syllable arithmetically from an initial consonant, a vowel and an optional final consonant, so
 * the decomposition is exact and needs no table.
 */
public final class Jamo {

    private static final int BASE = 0xAC00;
    private static final int LAST = 0xD7A3;
    private static final int VOWELS = 21;
    private static final int FINALS = 28;

    private Jamo() {
    }

    /** The text with each Hangul syllable replaced by its two or three conjoining jamo; other characters kept. */
    public static String decompose(String text) {
        StringBuilder out = new StringBuilder(text.length() * 3);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= BASE && c <= LAST) {
                int index = c - BASE;
                out.append((char) (0x1100 + index / (VOWELS * FINALS)));
                out.append((char) (0x1161 + (index % (VOWELS * FINALS)) / FINALS));
                int fin = index % FINALS;
                if (fin > 0) {
                    out.append((char) (0x11A7 + fin));
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** The syllable of an initial (0–18), a vowel (0–20) and a final (0 = none, 1–27). */
    public static char compose(int initial, int vowel, int fin) {
        return (char) (BASE + (initial * VOWELS + vowel) * FINALS + fin);
    }

    /** {initial, vowel, final} of a syllable, or null for any other character. */
    public static int[] parts(char syllable) {
        if (syllable < BASE || syllable > LAST) {
            return null;
        }
        int index = syllable - BASE;
        return new int[] {index / (VOWELS * FINALS), (index % (VOWELS * FINALS)) / FINALS, index % FINALS};
    }
}
