package kr.daejeon.battery.nlu;

import java.util.regex.Pattern;

/**
 * A request for a person made inside a longer sentence: "지원 조건이 궁금한데 담당자분께 여쭤보고 싶어요", "I'd rather ask
 * someone at the office". The classifier reads such a line by its other words (the eligibility or contact topic) and
 * the request would only be offered back ("담당자에게 직접 확인해 드릴까요?"); the wish to ask a person is already said.
 * Only the shape is read — a person (담당자, 상담원, someone, staff) and a verb of asking or talking to them — so
 * "담당자 연락처 알려주세요" (a question about contact details) is not a request.
 */
public final class AsksForPerson {

    private static final Pattern KO = Pattern.compile(
            "(담당자|담당|상담원|상담사|직원|사람|주무관)\\s*(분|님)?\\s*(께|에게|한테|이랑|하고|과|와)?\\s*(직접\\s*)?"
                    + "(여쭤|여쭙|물어|문의\\s*드리고|문의하고|상담\\s*받고|상담하고|얘기하고|이야기하고|통화하고|연결해)");
    private static final Pattern EN = Pattern.compile(
            "\\b(rather|want to|wanna|like to|prefer to|need to|let me)\\s+(ask|speak|talk|chat)\\s+(to\\s+|with\\s+)?"
                    + "(someone|somebody|a person|a human|a real person|staff|an agent|a staff member|the office|your staff)\\b");

    private AsksForPerson() {
    }

    public static boolean in(String text) {
        String t = TextNormalizer.normalize(text);
        return KO.matcher(t).find() || EN.matcher(t).find();
    }
}
