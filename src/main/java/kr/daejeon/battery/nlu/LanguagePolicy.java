package kr.daejeon.battery.nlu;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which language a conversation answers in after a message. A conversation keeps its language
 * unless the user clearly writes in the other one: an e-mail address, a phone number, a URL, a
 * number, an acronym ("PDF", "OK") or one English term in a Korean sentence never switches it.
 * Pure and cheap: called on every turn.
 */
public final class LanguagePolicy {

    // What carries no language: addresses, links, numbers (phones, dates, registration numbers).
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:https?://|www\\.)\\S+");
    private static final Pattern EMAIL = Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}.-]+\\.[\\p{L}]{2,}");
    private static final Pattern DOMAIN = Pattern.compile("(?i)\\b[a-z0-9-]+(?:\\.[a-z0-9-]+)*\\.(?:kr|com|net|org|go\\.kr|or\\.kr|co\\.kr|io)\\b\\S*");
    private static final Pattern NUMBERS = Pattern.compile("[+]?[\\p{N}][\\p{N}\\s().:/,-]*");
    // Markup ("<script>…</script>", "<b>"): its words are code, not a language the company writes in.
    private static final Pattern MARKUP = Pattern.compile("<[^<>]{0,200}>[^<>]{0,200}</[^<>]{0,50}>|<[^<>]{0,200}>");
    // Four consonants in a row ("asdfqwer"): keyboard noise, no English word a company sends alone.
    private static final Pattern MASH = Pattern.compile("(?i)[bcdfghjklmnpqrstvwxz]{4}");

    /** A single English word switches a Korean conversation only when it is at least this long ("thanks", "hello"). */
    private static final int SINGLE_WORD_LETTERS = 4;
    /** All-capital words up to this length are acronyms (PDF, OK, HWP, KTP): no language. */
    private static final int ACRONYM_LETTERS = 5;

    private LanguagePolicy() {
    }

    /**
     * The conversation's language after {@code text}.
     *
     * @param current the conversation's language so far (kept when the message is not clearly in the other one)
     */
    public static Language decide(String text, Language current) {
        if (text == null || text.isBlank()) {
            return current;
        }
        String words = wordsOnly(text.length() > 2000 ? text.substring(0, 2000) : text);
        int korean = 0;
        int english = 0;
        int longestEnglish = 0;
        for (String token : words.split("[\\s\\p{Punct}“”‘’·…~]+")) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.codePoints().anyMatch(TextNormalizer::isHangul)) {
                korean++;
                continue;
            }
            int letters = (int) token.codePoints().filter(LanguagePolicy::isLatin).count();
            if (letters < 2 || isAcronym(token, letters) || MASH.matcher(token).find()) {
                continue;
            }
            english++;
            longestEnglish = Math.max(longestEnglish, letters);
        }
        if (current == Language.KO) {
            boolean clearlyEnglish = english > korean
                    && (english >= 2 || (korean == 0 && longestEnglish >= SINGLE_WORD_LETTERS));
            return clearlyEnglish ? Language.EN : Language.KO;
        }
        return korean > english ? Language.KO : Language.EN;
    }

    private static String wordsOnly(String text) {
        String s = MARKUP.matcher(text).replaceAll(" ");
        s = URL.matcher(s).replaceAll(" ");
        s = EMAIL.matcher(s).replaceAll(" ");
        s = DOMAIN.matcher(s).replaceAll(" ");
        return NUMBERS.matcher(s).replaceAll(" ");
    }

    private static boolean isAcronym(String token, int letters) {
        return letters <= ACRONYM_LETTERS && token.equals(token.toUpperCase(Locale.ROOT));
    }

    private static boolean isLatin(int cp) {
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= 0xFF21 && cp <= 0xFF5A);
    }
}
