package kr.daejeon.battery.logging;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from log text: phone numbers, e-mail addresses, business
 * registration and resident registration numbers, bearer tokens, Telegram bot tokens and passwords
 * in URLs. Applied to every log line, whatever logged it, so a careless log call cannot leak.
 */
public final class PiiMasker {

    /**
     * @param worthTrying false when the line's {@link Shape} rules a match out: every line is masked, so
     *                    most lines must cost one pass over their characters, not seven regex scans
     */
    private record Rule(Pattern pattern, String replacement, Predicate<Shape> worthTrying) {
    }

    /** The fewest digits in a phone, business or resident registration number (02-123-4567). */
    private static final int NUMBER_DIGITS = 9;

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{8,}"), "$1 [secret]", Shape::bearer),
            new Rule(Pattern.compile("\\bbot\\d{3,}:[A-Za-z0-9_-]{20,}"), "bot[secret]", Shape::botToken),
            new Rule(Pattern.compile("(?i)(//[^/\\s:@]*:)[^@\\s/]+@"), "$1***@", Shape::at),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), "[email]",
                    Shape::at),
            // 주민등록번호 before phone numbers: 6 digits, dash, 7 digits.
            new Rule(Pattern.compile("(?<![\\w-])\\d{6}-[1-8]\\d{6}(?![\\w-])"), "[rrn]", Shape::longNumber),
            // 사업자등록번호: 123-45-67890.
            new Rule(Pattern.compile("(?<![\\w-])\\d{3}-\\d{2}-\\d{5}(?![\\w-])"), "[brn]", Shape::longNumber),
            // Mobile and landline numbers, with or without +82, dashes, dots or spaces.
            new Rule(Pattern.compile("(?<![\\w+])(?:\\+82[-.\\s]?|0)(?:1[016789]|2|[3-6][1-5]|70)[-.\\s)]?\\d{3,4}[-.\\s]?\\d{4}(?!\\d)"),
                    "[phone]", Shape::longNumber));

    /**
     * What a line contains, read in one pass. {@code longNumber}: somewhere {@value #NUMBER_DIGITS} or more
     * digits follow each other with at most one separator ({@code - . )} or a space) between them, which
     * every phone, business and resident number has.
     */
    private record Shape(boolean at, boolean bearer, boolean botToken, boolean longNumber) {

        static Shape of(String text) {
            boolean at = false;
            boolean bearer = false;
            boolean bot = false;
            int chain = 0;
            int longest = 0;
            int len = text.length();
            for (int i = 0; i < len; i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    chain++;
                    longest = Math.max(longest, chain);
                    continue;
                }
                boolean separator = c == '-' || c == '.' || c == ')' || Character.isWhitespace(c);
                if (!(separator && i > 0 && isDigit(text.charAt(i - 1)) && i + 1 < len && isDigit(text.charAt(i + 1)))) {
                    chain = 0;
                }
                if (c == '@') {
                    at = true;
                } else if ((c == 'b' || c == 'B') && !bearer && text.regionMatches(true, i, "bearer", 0, 6)) {
                    bearer = true;
                } else if (c == 'b' && !bot && text.startsWith("bot", i) && i + 3 < len && isDigit(text.charAt(i + 3))) {
                    bot = true;
                }
            }
            return new Shape(at, bearer, bot, longest >= NUMBER_DIGITS);
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }
    }

    private PiiMasker() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return apply(text, Shape.of(text));
    }

    /** Every rule, without the shortcut: the reference the shortcut is tested against. */
    static String maskWithEveryRule(String text) {
        return text == null || text.isEmpty() ? text : apply(text, new Shape(true, true, true, true));
    }

    private static String apply(String text, Shape shape) {
        String out = text;
        for (Rule r : RULES) {
            if (!r.worthTrying().test(shape)) {
                continue;
            }
            Matcher m = r.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(r.replacement());
            }
        }
        return out;
    }
}
