package kr.daejeon.battery.logging;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from log text: phone numbers (Korean and international), e-mail
 * addresses (also with non-ASCII names and domains), business and resident registration numbers, card
 * numbers (those that pass the Luhn check), bearer tokens, Telegram bot tokens and passwords in URLs.
 * Applied to every log line, whatever logged it, so a careless log call cannot leak; and to customer
 * text kept for staff (unanswered questions, dead letters) before it is stored.
 */
public final class PiiMasker {

    /**
     * @param worthTrying false when the line's {@link Shape} rules a match out: every line is masked, so
     *                    most lines must cost one pass over their characters, not seven regex scans
     */
    /**
     * @param accept   when set, the pattern matches a whole run of digit groups and {@code accept} decides which
     *                 groups in it are the number (a phone number followed by a card number is two numbers)
     * @param anyStart whether such a number may start at any group of the run, or only where the run starts
     */
    private record Rule(Pattern pattern, String replacement, Predicate<Shape> worthTrying, Predicate<String> accept,
                        boolean anyStart) {

        Rule(Pattern pattern, String replacement, Predicate<Shape> worthTrying) {
            this(pattern, replacement, worthTrying, null, false);
        }

        /** The run with each accepted part replaced, the longest part first at each start. */
        String maskRun(String run) {
            List<Integer> starts = new java.util.ArrayList<>();
            List<Integer> ends = new java.util.ArrayList<>();
            for (int i = 0; i < run.length(); i++) {
                if (Shape.isDigit(run.charAt(i))) {
                    if (anyStart && (i == 0 || !Shape.isDigit(run.charAt(i - 1)))) {
                        starts.add(i);
                    }
                    if (i + 1 == run.length() || !Shape.isDigit(run.charAt(i + 1))) {
                        ends.add(i + 1);
                    }
                }
            }
            if (!anyStart) {
                starts.add(0);
            }
            StringBuilder out = new StringBuilder();
            int done = 0;
            for (int start : starts) {
                if (start < done) {
                    continue;
                }
                for (int k = ends.size() - 1; k >= 0 && ends.get(k) > start; k--) {
                    if (accept.test(run.substring(start, ends.get(k)))) {
                        out.append(run, done, start).append(replacement);
                        done = ends.get(k);
                        break;
                    }
                }
            }
            return out.append(run, done, run.length()).toString();
        }
    }

    private static long digits(String s) {
        return s.chars().filter(c -> c >= '0' && c <= '9').count();
    }

    /** An international number has 8 to 15 digits (E.164); fewer after a '+' is a version or a score. */
    private static boolean phoneLength(String match) {
        long n = digits(match);
        return n >= 8 && n <= 15;
    }

    private static boolean cardNumber(String match) {
        long n = digits(match);
        return n >= 13 && n <= 19 && luhn(match);
    }

    /** The Luhn check every payment card number passes (and 9 in 10 random digit runs fail). */
    static boolean luhn(String match) {
        int sum = 0;
        boolean twice = false;
        for (int i = match.length() - 1; i >= 0; i--) {
            char c = match.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    /** The fewest digits in a phone, business or resident registration number (02-123-4567). */
    private static final int NUMBER_DIGITS = 9;

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{8,}"), "$1 [secret]", Shape::bearer),
            new Rule(Pattern.compile("\\bbot\\d{3,}:[A-Za-z0-9_-]{20,}"), "bot[secret]", Shape::botToken),
            new Rule(Pattern.compile("(?i)(//[^/\\s:@]*:)[^@\\s/]+@"), "$1***@", Shape::at),
            // Letters of any script on both sides: 홍길동@대전.한국, user@bücher.de.
            new Rule(Pattern.compile("[\\p{L}\\p{N}._%+-]+@[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.[\\p{L}]{2,}"),
                    "[email]", Shape::at),
            // 주민등록번호 before phone numbers: 6 digits, dash, 7 digits.
            new Rule(Pattern.compile("(?<![\\w-])\\d{6}-[1-8]\\d{6}(?![\\w-])"), "[rrn]", Shape::longNumber),
            // The same without the dash, or with a space; the first six digits must read as a date (YYMMDD).
            new Rule(Pattern.compile("(?<![\\w-])\\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\\d|3[01])\\s?[1-8]\\d{6}(?![\\w-])"),
                    "[rrn]", Shape::longNumber),
            // 사업자등록번호: 123-45-67890.
            new Rule(Pattern.compile("(?<![\\w-])\\d{3}-\\d{2}-\\d{5}(?![\\w-])"), "[brn]", Shape::longNumber),
            // Card numbers: 13 to 19 digits, grouped by spaces or dashes, that pass the Luhn check.
            new Rule(Pattern.compile("(?<![\\w+-])\\d(?:[ -]?\\d){12,}(?![\\w-])"), "[card]", Shape::longNumber,
                    PiiMasker::cardNumber, true),
            // Mobile and landline numbers, with or without +82, dashes, dots or spaces.
            new Rule(Pattern.compile("(?<![\\w+])(?:\\+82[-.\\s]?|0)(?:1[016789]|2|[3-6][1-5]|70)[-.\\s)]?\\d{3,4}[-.\\s]?\\d{4}(?!\\d)"),
                    "[phone]", Shape::longNumber),
            // Any other country: +1 415 555 0100, +44 20 7946 0958, +81 (3) 1234-5678.
            new Rule(Pattern.compile("(?<![\\w+])\\+[1-9]\\d{0,2}(?:[-.\\s]?\\(?\\d{1,4}\\)?)+(?!\\d)"), "[phone]",
                    Shape::plusDigit, PiiMasker::phoneLength, false));

    /**
     * What a line contains, read in one pass. {@code longNumber}: somewhere {@value #NUMBER_DIGITS} or more
     * digits follow each other with at most one separator ({@code - . )} or a space) between them, which
     * every phone, business and resident number has.
     */
    private record Shape(boolean at, boolean bearer, boolean botToken, boolean longNumber, boolean plusDigit) {

        static Shape of(String text) {
            boolean at = false;
            boolean bearer = false;
            boolean bot = false;
            boolean plus = false;
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
                } else if (c == '+' && i + 1 < len && isDigit(text.charAt(i + 1))) {
                    plus = true;
                } else if ((c == 'b' || c == 'B') && !bearer && text.regionMatches(true, i, "bearer", 0, 6)) {
                    bearer = true;
                } else if (c == 'b' && !bot && text.startsWith("bot", i) && i + 3 < len && isDigit(text.charAt(i + 3))) {
                    bot = true;
                }
            }
            return new Shape(at, bearer, bot, longest >= NUMBER_DIGITS, plus);
        }

        static boolean isDigit(char c) {
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
        return text == null || text.isEmpty() ? text : apply(text, new Shape(true, true, true, true, true));
    }

    private static String apply(String text, Shape shape) {
        String out = text;
        for (Rule r : RULES) {
            if (!r.worthTrying().test(shape)) {
                continue;
            }
            Matcher m = r.pattern().matcher(out);
            if (!m.find()) {
                continue;
            }
            if (r.accept() == null) {
                out = m.replaceAll(r.replacement());
            } else {
                m.reset();
                out = m.replaceAll(found -> Matcher.quoteReplacement(r.maskRun(found.group())));
            }
        }
        return out;
    }
}
