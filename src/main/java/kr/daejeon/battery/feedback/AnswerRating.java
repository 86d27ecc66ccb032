package kr.daejeon.battery.feedback;

import java.time.Instant;

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

    /** The key a rating is kept under: one per answer, the last rating counts. */
    String key() {
        return conversationId + ":" + messageId;
    }
}
