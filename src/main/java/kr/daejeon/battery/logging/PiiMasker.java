package kr.daejeon.battery.logging;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal data and secrets from log text: phone numbers, e-mail addresses, business
 * registration and resident registration numbers, bearer tokens, Telegram bot tokens and passwords
 * in URLs. Applied to every log line, whatever logged it, so a careless log call cannot leak.
 */
public final class PiiMasker {

    private record Rule(Pattern pattern, String replacement) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)\\b(bearer)\\s+[A-Za-z0-9._~+/=-]{8,}"), "$1 [secret]"),
            new Rule(Pattern.compile("\\bbot\\d{3,}:[A-Za-z0-9_-]{20,}"), "bot[secret]"),
            new Rule(Pattern.compile("(?i)(//[^/\\s:@]*:)[^@\\s/]+@"), "$1***@"),
            new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}"), "[email]"),
            // 주민등록번호 before phone numbers: 6 digits, dash, 7 digits.
            new Rule(Pattern.compile("(?<![\\w-])\\d{6}-[1-8]\\d{6}(?![\\w-])"), "[rrn]"),
            // 사업자등록번호: 123-45-67890.
            new Rule(Pattern.compile("(?<![\\w-])\\d{3}-\\d{2}-\\d{5}(?![\\w-])"), "[brn]"),
            // Mobile and landline numbers, with or without +82, dashes, dots or spaces.
            new Rule(Pattern.compile("(?<![\\w+])(?:\\+82[-.\\s]?|0)(?:1[016789]|2|[3-6][1-5]|70)[-.\\s)]?\\d{3,4}[-.\\s]?\\d{4}(?!\\d)"),
                    "[phone]"));

    private PiiMasker() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Rule r : RULES) {
            Matcher m = r.pattern().matcher(out);
            if (m.find()) {
                out = m.replaceAll(r.replacement());
            }
        }
        return out;
    }
}
