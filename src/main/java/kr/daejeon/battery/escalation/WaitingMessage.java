package kr.daejeon.battery.escalation;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a customer waiting for staff (before anyone has joined) means by a message the FAQ does not answer: they
 * take the request back, they ask when staff will reply, or they add something for staff. Every one of them gets a
 * reply (like Zendesk or Chatwoot), so the customer never talks into silence.
 */
public enum WaitingMessage {
    /** "아 취소할게요 그냥 챗봇이랑 할게요": the handoff is cancelled and the bot answers again. */
    CANCEL,
    /** "언제 연락 와요?", "아직인가요?": the expected reply time. */
    REPLY_TIME,
    /** Anything else ("혹시 내일 오전에 전화 가능할까요?", "네"): passed on to staff, with when they reply. */
    PASSED_ON;

    // Taking the request back, in words or by asking for the bot again; a question about cancelling something
    // ("신청 취소는 어떻게 해요?") is not a cancellation of the handoff.
    private static final Pattern CANCEL_WORDS = Pattern.compile(
            "취소(할게|할래|해\\s*주|해요|합니다|요)|그만\\s*(할게|둘게|기다릴게)|안\\s*기다릴게|(연결|상담)\\s*(안\\s*해도|필요\\s*없)"
                    + "|챗봇(이랑|하고|과|으로|한테)|\\bcancel\\b|never\\s*mind|\\bnevermind\\b|back to the (bot|assistant)"
                    + "|(don't|do not|no longer) need (a person|staff|a human|someone)");
    private static final Pattern HOW_TO = Pattern.compile("어떻게|방법|하려면|how (do|can|to)");
    private static final Pattern WHEN_REPLY = Pattern.compile(
            "언제.*(연락|답변|답장|전화|와요|오나요|오죠|되나요|돼요|해\\s*주)|얼마나\\s*(더\\s*)?기다|아직(이|인가|도|\\s*멀)|몇\\s*분"
                    + "|when.*(reply|hear|call|contact|answer|respond|someone|staff)|how long|still waiting|any news");

    public static WaitingMessage of(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (CANCEL_WORDS.matcher(t).find() && !HOW_TO.matcher(t).find()) {
            return CANCEL;
        }
        return WHEN_REPLY.matcher(t).find() ? REPLY_TIME : PASSED_ON;
    }
}
