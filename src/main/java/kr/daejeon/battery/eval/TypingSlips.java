package kr.daejeon.battery.eval;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One realistic typing slip: a key's neighbour pressed instead of the key. Korean is typed on the
 * standard 2-set (dubeolsik) layout, so a Hangul syllable is decomposed, its vowel or its final
 * consonant replaced by the jamo of a neighbouring key (one that keeps the syllable well formed),
 * and recomposed (신청 → 신창, vowel ㅓ→ㅏ; 접수 → 점수, final ㅂ→ㅁ). English gets one letter replaced by a
 * neighbouring QWERTY letter. Only the random source decides where, so a seed repeats a run.
 */
public final class TypingSlips {

    private static final String[] ROWS = {"qwertyuiop", "asdfghjkl", "zxcvbnm"};
    private static final double[] ROW_OFFSET = {0, 0.25, 0.75};
    /** The jamo on each key of the 2-set layout, in the order of {@link #ROWS}. */
    private static final String[] DUBEOLSIK = {"ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", "ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", "ㅋㅌㅊㅍㅠㅜㅡ"};
    /** Medial vowels and final consonants in Unicode syllable order (index 0 of finals: none). */
    private static final String MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    private static final String FINALS = "\0ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";
    private static final int SYLLABLE_BASE = 0xAC00;
    private static final int SYLLABLE_LAST = 0xD7A3;

    /** Letters of neighbouring keys: same row one step away, or the row above/below less than a key apart. */
    private static final Map<Character, List<Character>> NEIGHBOURS = new HashMap<>();
    private static final Map<Character, Character> JAMO_KEY = new HashMap<>();
    private static final Map<Character, Character> KEY_JAMO = new HashMap<>();

    static {
        for (int r = 0; r < ROWS.length; r++) {
            for (int i = 0; i < ROWS[r].length(); i++) {
                char key = ROWS[r].charAt(i);
                JAMO_KEY.put(DUBEOLSIK[r].charAt(i), key);
                KEY_JAMO.put(key, DUBEOLSIK[r].charAt(i));
                List<Character> near = new ArrayList<>();
                for (int r2 = Math.max(0, r - 1); r2 <= Math.min(ROWS.length - 1, r + 1); r2++) {
                    for (int j = 0; j < ROWS[r2].length(); j++) {
                        double dx = Math.abs((ROW_OFFSET[r2] + j) - (ROW_OFFSET[r] + i));
                        if ((r2 == r && dx == 1) || (r2 != r && dx < 1)) {
                            near.add(ROWS[r2].charAt(j));
                        }
                    }
                }
                NEIGHBOURS.put(key, near);
            }
        }
    }

    private TypingSlips() {
    }

    /** The keys next to a QWERTY letter key (lower case), empty for anything else. */
    public static List<Character> neighbours(char key) {
        return NEIGHBOURS.getOrDefault(key, List.of());
    }

    /**
     * One Hangul syllable with its vowel or final consonant changed to a neighbouring key's jamo;
     * the text unchanged when no syllable can slip (no Hangul, only compound vowels and finals).
     */
    public static String hangulSlip(String text, Random random) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (!syllableSlips(text.charAt(i)).isEmpty()) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return text;
        }
        int at = positions.get(random.nextInt(positions.size()));
        List<Character> options = syllableSlips(text.charAt(at));
        return text.substring(0, at) + options.get(random.nextInt(options.size())) + text.substring(at + 1);
    }

    /** Every syllable one slip of its vowel or final consonant away from {@code syllable}. */
    static List<Character> syllableSlips(char syllable) {
        if (syllable < SYLLABLE_BASE || syllable > SYLLABLE_LAST) {
            return List.of();
        }
        int index = syllable - SYLLABLE_BASE;
        int initial = index / (21 * 28);
        int medial = index / 28 % 21;
        int fin = index % 28;
        List<Character> out = new ArrayList<>();
        for (char jamo : nearJamo(MEDIALS.charAt(medial))) {
            int m = MEDIALS.indexOf(jamo);
            if (m >= 0) {
                out.add(compose(initial, m, fin));
            }
        }
        if (fin > 0) {
            for (char jamo : nearJamo(FINALS.charAt(fin))) {
                int f = FINALS.indexOf(jamo);
                if (f > 0) {
                    out.add(compose(initial, medial, f));
                }
            }
        }
        return out;
    }

    /** One letter of the text replaced by a neighbouring key's letter (case kept); unchanged without letters. */
    public static String letterSlip(String text, Random random) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && Character.isLetter(c)) {
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            return text;
        }
        int at = positions.get(random.nextInt(positions.size()));
        char c = text.charAt(at);
        List<Character> near = neighbours(Character.toLowerCase(c));
        char slip = near.get(random.nextInt(near.size()));
        return text.substring(0, at) + (Character.isUpperCase(c) ? Character.toUpperCase(slip) : slip) + text.substring(at + 1);
    }

    private static List<Character> nearJamo(char jamo) {
        Character key = JAMO_KEY.get(jamo);
        if (key == null) {
            return List.of(); // compound vowels and finals take two keys; a slip there is not one neighbour
        }
        return neighbours(key).stream().map(KEY_JAMO::get).toList();
    }

    private static char compose(int initial, int medial, int fin) {
        return (char) (SYLLABLE_BASE + (initial * 21 + medial) * 28 + fin);
    }
}
