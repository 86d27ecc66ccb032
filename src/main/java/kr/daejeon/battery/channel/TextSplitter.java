package kr.daejeon.battery.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts text for messengers' length limits (counted in UTF-16 units, as LINE, Telegram and Kakao count)
 * only between grapheme clusters: never inside a surrogate pair (an emoji, a rare Hanja), nor between
 * a letter and its combining marks, nor inside a flag, a ZWJ emoji sequence or decomposed Hangul jamo.
 * A cut prefers the last line break, then the last space, in the second half of the part, so words
 * stay whole where they can.
 */
public final class TextSplitter {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");

    private TextSplitter() {
    }

    /** Parts of at most {@code max} UTF-16 units each (a single grapheme longer than that stays whole); none for "". */
    public static List<String> split(String text, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be positive");
        }
        List<String> parts = new ArrayList<>();
        int start = 0;
        while (text.length() - start > max) {
            int cut = cut(text, start, max);
            parts.add(text.substring(start, cut));
            start = cut;
            // The break a part ended on is not carried into the next one.
            while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == ' ')) {
                start++;
            }
        }
        if (start < text.length()) {
            parts.add(text.substring(start));
        }
        return parts;
    }

    /** The longest start of {@code text} of at most {@code max} UTF-16 units that ends on a grapheme boundary. */
    public static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = 0;
        Matcher m = GRAPHEME.matcher(text);
        while (m.find() && m.end() <= max) {
            end = m.end();
        }
        return text.substring(0, end);
    }

    /** The longest end of {@code text} of at most {@code max} UTF-16 units that starts on a grapheme boundary. */
    public static String tail(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        Matcher m = GRAPHEME.matcher(text);
        int from = text.length() - max;
        while (m.find()) {
            if (m.start() >= from) {
                return text.substring(m.start());
            }
        }
        return "";
    }

    private static int cut(String text, int start, int max) {
        Matcher m = GRAPHEME.matcher(text);
        m.region(start, text.length());
        int limit = start + max;
        int last = -1;
        int lastLine = -1;
        int lastSpace = -1;
        while (m.find() && m.end() <= limit) {
            last = m.end();
            char c = text.charAt(m.start());
            if (m.start() > start + max / 2) {
                if (c == '\n') {
                    lastLine = m.start();
                } else if (c == ' ') {
                    lastSpace = m.start();
                }
            }
        }
        if (last < 0) {
            // One grapheme longer than a part (hundreds of combining marks): keep it whole.
            m.region(start, text.length());
            m.find();
            return m.end();
        }
        if (last == text.length()) {
            return last;
        }
        return lastLine > 0 ? lastLine : lastSpace > 0 ? lastSpace : last;
    }
}
