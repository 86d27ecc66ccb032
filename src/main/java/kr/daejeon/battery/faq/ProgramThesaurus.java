package kr.daejeon.battery.faq;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One spelling for the words companies use for the same thing, so a question and an answer variant that say it
 * differently still share a term: "보조금", "사업비" and "지원금" are the same money, "기한" is the deadline, "구비서류"
 * are the documents. Applied to questions and variants alike, before analysis.
 *
 * <p>Two levels, because Nori splits compounds and reads some verbs oddly: whole words in the text (Nori splits
 * "보조금" into 보조 + 금 and "사업비" into 사업 + 비, which then share nothing with 지원 + 금), and the forms of 내다
 * ("서류 내야 돼요" is analysed as 나다, "내요" as a proper noun, "내도" as a bound noun), which become 제출(하다) — the
 * word the variants use; and verb stems after analysis ("뽑아요" → 뽑 → 선정, "골라요" → 고르 → 선택).
 */
final class ProgramThesaurus {

    /** Whole words (or the start of one) and the spelling the variants use. */
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("보조금", "지원금"), Map.entry("사업비", "지원금"), Map.entry("출연금", "지원금"), Map.entry("지원비", "지원금"),
            Map.entry("구비서류", "서류"), Map.entry("제출서류", "서류"), Map.entry("증빙서류", "증빙 서류"),
            Map.entry("기한", "마감"), Map.entry("몇개", "몇 개"), Map.entry("몇곳", "몇 곳"), Map.entry("몇시", "몇 시"));

    private static final Pattern WORD = Pattern.compile("(?<![가-힣])(" + String.join("|", WORDS.keySet()) + ")");

    /**
     * A form of 내다 (to hand in) as a word of its own: 내야, 내면, 내도, 내요, 내나요, 낼, 냈… — but not 내용, 내년, 내일,
     * 내부 (other words that start with 내), which the ending list leaves out.
     */
    private static final Pattern HAND_IN = Pattern.compile(
            "(?<![가-힣])(?:내(야|도|요|서|셔|죠|면|고|려면|세요|는|나요|시면|기)|(낼|냈))");

    /** Verb stems after analysis → the noun the variants use. */
    private static final Map<String, String> STEMS = Map.of("뽑", "선정", "뽑히", "선정", "고르", "선택", "고치", "수정",
            "찾아가", "방문", "철회", "취소");

    private ProgramThesaurus() {
    }

    /** Prepared (normalised) text with the program's synonyms in one spelling. */
    static String words(String prepared) {
        if (prepared.isEmpty()) {
            return prepared;
        }
        Matcher m = WORD.matcher(prepared);
        StringBuilder out = new StringBuilder(prepared.length() + 8);
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(WORDS.get(m.group(1))));
        }
        m.appendTail(out);
        Matcher h = HAND_IN.matcher(out.toString());
        StringBuilder in = new StringBuilder(out.length() + 8);
        while (h.find()) {
            String replacement;
            if (h.group(2) != null) {
                replacement = h.group(2).equals("낼") ? "제출할" : "제출했";
            } else {
                String ending = h.group(1);
                // 내야 → 제출해야, 내면 → 제출하면: the ending keeps its own vowel.
                replacement = (ending.matches("[야도요서셔죠].*") ? "제출해" : "제출하") + ending;
            }
            h.appendReplacement(in, Matcher.quoteReplacement(replacement));
        }
        h.appendTail(in);
        return in.toString();
    }

    /** An analysed term in the variants' spelling (a verb stem may stand for a noun). */
    static String term(String term) {
        return STEMS.getOrDefault(term, term);
    }
}
