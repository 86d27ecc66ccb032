package kr.daejeon.battery.nlu;

import java.util.regex.Pattern;

/**
 * "Can we apply?", "저희도 신청돼요?": the company asks whether it may take part, not how. The classifier reads such a
 * line as the application's topic (it shares "apply" / "신청" with how-to lines); what it asks is who may apply. Only the
 * shape is read here — a first-person subject and a "may / is it possible" — the caller checks that nothing else
 * (a way, a place, a date, a document) is asked.
 */
public final class MayWeApply {

    private static final Pattern EN = Pattern.compile(
            "\\b(can|could|may|are|am|is)\\s+(we|i|us|our\\s+(company|firm|startup))\\b.*\\b(apply|eligible|qualify|join|participate)");
    private static final Pattern KO = Pattern.compile(
            "(저희|우리|제가|저도|당사).*(신청|지원|참여|참가)\\s*(돼|되|가능|할\\s*수|해도|할수)");

    private MayWeApply() {
    }

    public static boolean asks(String text) {
        String t = TextNormalizer.normalize(text);
        return EN.matcher(t).find() || KO.matcher(t).find();
    }
}
