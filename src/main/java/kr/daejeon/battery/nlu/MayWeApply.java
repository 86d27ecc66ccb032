package kr.daejeon.battery.nlu;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * "Can we apply?", "저희도 신청돼요?": the company asks whether it may take part, not how. The classifier reads such a
 * line as the application's topic (it shares "apply" / "신청" with how-to lines), or, right after a track's answer, as
 * that track; what it asks is who may apply. The one reader of that question, in two strengths:
 * <ul>
 *   <li>{@link #bare}: the question is nothing else ("그럼 저희도 신청 가능한가요", "so can we apply for it?") — after a
 *       self-description it is that description's rule ({@code eligibility.DecidingFact}), after any answer it is
 *       eligibility, never a continuation of the previous topic;</li>
 *   <li>{@link #asks}: the shape is somewhere in the question (a first-person subject and a "may / is it possible"); the
 *       caller checks that nothing else (a way, a place, a date, a document) is asked.</li>
 * </ul>
 */
public final class MayWeApply {

    private static final Pattern EN = Pattern.compile(
            "\\b(can|could|may|are|am|is)\\s+(we|i|us|our\\s+(company|firm|startup))\\b.*\\b(apply|eligible|qualify|join|participate)");
    private static final Pattern KO = Pattern.compile(
            "(저희|우리|제가|저도|당사).*(신청|지원|참여|참가)\\s*(돼|되|가능|할\\s*수|해도|할수)");

    /** The whole question is "may we apply?": a connector or a pointer at most, then the asking words. */
    private static final Pattern BARE = Pattern.compile("^(?:그럼|혹시|그러면|그래도|근데|그런데)?\\s*"
            + "(?:저희도|저희는|우리도|우리는|저희 회사도|우리 회사도|저희 같은 회사도|우리 같은 회사도|저희 같은 곳도|우리 같은 곳도)?\\s*"
            + "(?:(?:신청|지원|참여|참가)(?:이|은|도)?\\s*(?:돼요|되나요|될까요|됩니까|되요|되는지요|가능한가요|가능해요|가능할까요|가능합니까|가능하나요|"
            + "할 수 있나요|할 수 있어요|할 수 있을까요|할 수 있습니까|할 수 있어|해도 되나요|해도 돼요|대상인가요|대상이에요|대상이 되나요)"
            + "|(?:자격이 되나요|자격이 돼요|해당되나요|해당돼요|해당되요|해당이 되나요|대상인가요|대상이 되나요|낼 수 있나요|낼 수 있어요|내도 되나요|내도 돼요))"
            // The same asked from the other side: "세종시 기업은 안돼요?", "…대전엔 아무것도 없어요 ㅠ 방법 없나요?".
            + "|^(?:그럼|혹시|그래도|근데)?\\s*(?:신청|지원|참여)?\\s*(?:안 ?돼요|안 ?되나요|안 ?되요|못 ?하나요|불가능한가요|방법(?:이)? 없나요|방법(?:이)? 없을까요)"
            + "|^(?:still |so )?eligible"
            + "|^(?:so |then |and |but |ok |okay )?(?:can|could|may) (?:we|i|our company|my company) (?:still |also |even )?(?:apply|participate|join|take part)"
            + "(?: for it| to it| for this| for that| for the program(?:me)?| in the program(?:me)?| in it| too| as well)?"
            + "|^(?:so |then |and |but )?(?:are we|am i|is our company|is my company|would we be|are we still) (?:eligible|qualified)(?: for it| for this| for that| to apply| too)?"
            + "|^(?:so |then |and |but )?(?:do|would|will) we (?:qualify|fit)(?: for it| for this| too)?");

    private MayWeApply() {
    }

    /** The shape of "may we apply?" somewhere in {@code text} (a bare "신청 가능한가요?" without "we" is not it: how to apply). */
    public static boolean asks(String text) {
        String t = TextNormalizer.normalize(text);
        return EN.matcher(t).find() || KO.matcher(t).find();
    }

    /** {@code question} (one clause) is nothing but "may we apply?". */
    public static boolean bare(String question) {
        String t = Normalizer.normalize(question == null ? "" : question, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT)
                .strip().replaceAll("[?？!.~]+$", "").replaceAll("\\s+", " ").strip();
        return BARE.matcher(t).matches();
    }
}
