package kr.daejeon.battery.profile;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.nlu.TextNormalizer;

/**
 * A company's sales in 억 원 (100 million won), rounded down: "매출 40억", "연매출 1.2조", "5 billion won",
 * "800 million won", "매출 없어요" (0).
 */
public final class Sales {

    private static final Pattern KO = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(조|억|천만|백만|만)");
    private static final Pattern EN = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(trillion|billion|bn|million|mn)\\b");
    private static final Pattern NONE = Pattern.compile("매출\\S* ?(?:이|은|는)? ?(?:아직 )?없|(?<![a-z])no (?:sales|revenue)(?![a-z])|pre revenue|매출 ?0");
    /** An amount in a message counts as sales only next to a word for sales: "2억까지 지원돼요?" is a grant, not sales. */
    private static final Pattern NAMED = Pattern.compile("(?:매출|(?<![a-z])(?:sales|revenue|turnover))[^.,;!?]{0,20}?\\d|\\d[^.,;!?]{0,20}?(?:매출|(?<![a-z])(?:in sales|of sales|revenue|turnover))");

    private Sales() {
    }

    /** The amount in an answer to "what were your sales?", any amount counting; null when none. */
    public static Integer of(String text) {
        String raw = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .replaceAll("(?<=\\d),(?=\\d{3})", "");
        Matcher ko = KO.matcher(raw);
        if (ko.find()) {
            double v = Double.parseDouble(ko.group(1));
            double eok = switch (ko.group(2)) {
                case "조" -> v * 10_000;
                case "억" -> v;
                case "천만" -> v / 10;
                case "백만" -> v / 100;
                default -> v / 10_000;
            };
            return (int) Math.min(Integer.MAX_VALUE, Math.floor(eok));
        }
        Matcher en = EN.matcher(raw);
        if (en.find()) {
            double v = Double.parseDouble(en.group(1));
            double eok = switch (en.group(2)) {
                case "trillion" -> v * 10_000;
                case "billion", "bn" -> v * 10;
                default -> v / 100;
            };
            return (int) Math.min(Integer.MAX_VALUE, Math.floor(eok));
        }
        return NONE.matcher(TextNormalizer.normalize(text)).find() ? 0 : null;
    }

    /** Sales a company states about itself in any message ("직원 35명에 매출은 60억이에요"); null unless named as sales. */
    public static Integer said(String text) {
        String raw = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        if (NAMED.matcher(raw).find()) {
            return of(raw.substring(salesWordAt(raw)));
        }
        return NONE.matcher(TextNormalizer.normalize(text)).find() ? 0 : null;
    }

    /** Where the amount to read starts: at the sales word, or at the amount just before it ("60억 매출"). */
    private static int salesWordAt(String raw) {
        Matcher m = NAMED.matcher(raw);
        m.find();
        return m.start();
    }
}
