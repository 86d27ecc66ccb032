package kr.daejeon.battery.escalation;

import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageKind;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.Language;

/**
 * The question asked when staff resolve a ticket ("상담은 어떠셨나요?") and the lines around it, in the customer's
 * language. The widget shows it as a rating card, the messengers as five buttons; the answer is stored with the
 * ticket (see {@link TicketSatisfaction}).
 */
public final class SatisfactionSurvey {

    /** What a messenger button sends: {@code csat:{ticketId}:{score}}. */
    public static final java.util.regex.Pattern BUTTON = java.util.regex.Pattern.compile("csat:([A-Za-z0-9_-]{1,40}):([1-5])");

    private SatisfactionSurvey() {
    }

    /** The question, as a bot line of kind {@code csat} naming the ticket. */
    public static Message ask(Ticket ticket, Language language, Instant now) {
        String text = language == Language.EN
                ? "How was your conversation with our staff? Please rate it from 1 (poor) to 5 (excellent)."
                : "상담은 어떠셨나요? 1점(불만족)부터 5점(매우 만족)까지 평가해 주세요.";
        return Message.bot(text, List.of(), List.of(), now, FaqCatalog.HANDOFF_INTENT).withKind(MessageKind.CSAT).withTicket(ticket.id());
    }

    /** A messenger button's payload for {@code score}. */
    public static String button(String ticketId, int score) {
        return "csat:" + ticketId + ":" + score;
    }

    /** The label of a score on a messenger button: "5 매우 만족" / "5 Excellent". */
    public static String label(int score, boolean english) {
        String[] ko = {"", "1 불만족", "2 조금 불만족", "3 보통", "4 만족", "5 매우 만족"};
        String[] en = {"", "1 Poor", "2 Fair", "3 Good", "4 Very good", "5 Excellent"};
        return english ? en[score] : ko[score];
    }

    public static String thanks(boolean english) {
        return english ? "Thank you for rating our service." : "평가해 주셔서 감사합니다.";
    }
}
