package kr.daejeon.battery.nlu;

import java.time.Duration;
import java.time.Instant;

/**
 * What the conversation is about right now, kept between turns (like Rasa's slots or Dialogflow's
 * contexts): the topic and answer of the last answered question, the question as it was understood,
 * and the yes/no question the bot itself just asked. A short follow-up ("유망기업은요?", "and for job
 * seekers?") is read against it; a bare "네" answers the bot's own offer.
 *
 * @param topic    the intent of the last answer, or null
 * @param answerId the answer given last, or null
 * @param question the last question as understood (after follow-up resolution), or null
 * @param offer    what the bot's last message offered with a yes/no question: {@link #OFFER_HANDOFF},
 *                 {@link #OFFER_CHECK}, or null
 * @param at       when this context was set; it fades after {@link #LIFETIME}
 */
public record DialogueContext(String topic, String answerId, String question, String offer, Instant at) {

    public static final String OFFER_HANDOFF = "handoff";
    public static final String OFFER_CHECK = "check";

    /** A follow-up after this long is read on its own: the user has moved on. */
    public static final Duration LIFETIME = Duration.ofMinutes(30);

    public static DialogueContext none() {
        return new DialogueContext(null, null, null, null, null);
    }

    public boolean liveAt(Instant now) {
        return at != null && now.isBefore(at.plus(LIFETIME));
    }

    public DialogueContext withOffer(String newOffer) {
        return new DialogueContext(topic, answerId, question, newOffer, at);
    }
}
