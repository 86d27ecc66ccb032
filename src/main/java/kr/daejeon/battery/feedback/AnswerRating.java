package kr.daejeon.battery.feedback;

import java.time.Instant;
import kr.daejeon.battery.conversation.Sender;

/**
 * A customer's "Was it helpful?" on one bot answer. The question is the customer's message the
 * answer replied to, so staff can see what was asked and what the assistant said.
 *
 * @param rating {@link #UP} or {@link #DOWN}
 */
public record AnswerRating(String conversationId, long messageId, String rating, String intent, String question,
                           String answer, String channel, String locale, Instant at) {

    public static final String UP = "up";
    public static final String DOWN = "down";

    public static boolean isRating(String value) {
        return UP.equals(value) || DOWN.equals(value);
    }

    /** Answers may be rated; not the greeting, the handoff lines or the pre-check's questions (the widget does the same). */
    public static boolean rateable(kr.daejeon.battery.conversation.Message m) {
        return m.id() > 0 && m.from() == Sender.BOT && m.kind() == null && m.intent() != null
                && !java.util.Set.of("greeting", "human_handoff", "eligibility").contains(m.intent());
    }

    /** The key a rating is kept under: one per answer, the last rating counts. */
    public String key() {
        return conversationId + ":" + messageId;
    }
}
