package kr.daejeon.battery.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.eligibility.EligibilityCheck;
import kr.daejeon.battery.escalation.TurnContext;
import kr.daejeon.battery.nlu.DialogueContext;
import kr.daejeon.battery.profile.CompanyProfile;

/**
 * Everything the engine remembers about a conversation between turns. The customer's token is
 * kept only as a SHA-256 hash, so a copy of the store does not let anyone into a conversation.
 *
 * @param status {@link #BOT} while the assistant answers, {@link #WAITING} once handed to staff
 * @param misses consecutive turns the assistant could not answer
 * @param awaitingContact the customer was asked for contact details (handoff outside business hours)
 * @param channelUser the messenger's address for this customer (e.g. a Telegram chat id), for pushing
 *                    staff replies; never shown to staff
 * @param check the eligibility pre-check, while it runs and after it finished (until cancelled or restarted)
 * @param profile what the company said about itself in this conversation (place, sites, segment, size, age, type);
 *                the pre-check starts from it (never null)
 * @param dialogue the topic, answer and question of the last answer and the bot's open yes/no offer (never null)
 */
public record ConversationState(String id, String tokenHash, String channel, String locale, String status, int misses,
                                Instant createdAt, Instant updatedAt, List<TurnContext> recentTurns, String ticketId,
                                boolean awaitingContact, String channelUser, EligibilityCheck check,
                                DialogueContext dialogue, CompanyProfile profile) {

    /** How many recent classifications travel with the conversation for a ticket. */
    public static final int RECENT_TURNS = 3;

    public ConversationState {
        recentTurns = recentTurns == null ? List.of() : List.copyOf(recentTurns);
        dialogue = dialogue == null ? DialogueContext.none() : dialogue;
        profile = profile == null ? CompanyProfile.EMPTY : profile;
    }

    public static ConversationState start(String id, String tokenHash, String channel, String locale, Instant now) {
        return new ConversationState(id, tokenHash, channel, locale, BOT, 0, now, now, List.of(), null, false, null, null, null, null);
    }

    public static final String BOT = "bot";
    public static final String WAITING = "waiting";
    public static final String WITH_STAFF = "staff";

    /** True while staff own the conversation: the store must keep it until they resolve it. */
    @JsonIgnore
    public boolean isHandoff() {
        return !BOT.equals(status);
    }

    public ConversationState withTurn(String newLocale, String newStatus, int newMisses, Instant now) {
        return new ConversationState(id, tokenHash, channel, newLocale, newStatus, newMisses, createdAt, now, recentTurns,
                ticketId, awaitingContact, channelUser, check, dialogue, profile);
    }

    /** Remembers this turn's classification, keeping the last {@value #RECENT_TURNS}. */
    public ConversationState withClassification(TurnContext turn) {
        List<TurnContext> turns = new ArrayList<>(recentTurns);
        turns.add(turn);
        while (turns.size() > RECENT_TURNS) {
            turns.remove(0);
        }
        return new ConversationState(id, tokenHash, channel, locale, status, misses, createdAt, updatedAt, turns, ticketId,
                awaitingContact, channelUser, check, dialogue, profile);
    }

    public ConversationState withTicket(String newTicketId) {
        return new ConversationState(id, tokenHash, channel, locale, status, misses, createdAt, updatedAt, recentTurns,
                newTicketId, awaitingContact, channelUser, check, dialogue, profile);
    }

    /** Outside business hours the customer is asked for an e-mail or phone number until they give one. */
    public ConversationState withChannelUser(String user) {
        return new ConversationState(id, tokenHash, channel, locale, status, misses, createdAt, updatedAt, recentTurns,
                ticketId, awaitingContact, user, check, dialogue, profile);
    }

    /** The eligibility pre-check in progress or last completed (its answers go with a handoff); null when none. */
    public ConversationState withCheck(EligibilityCheck newCheck) {
        return new ConversationState(id, tokenHash, channel, locale, status, misses, createdAt, updatedAt, recentTurns,
                ticketId, awaitingContact, channelUser, newCheck, dialogue, profile);
    }

    /** What the company has said about itself so far. */
    public ConversationState withProfile(CompanyProfile known) {
        return new ConversationState(id, tokenHash, channel, locale, status, misses, createdAt, updatedAt, recentTurns,
                ticketId, awaitingContact, channelUser, check, dialogue, known);
    }

    /** What the conversation is about after this turn. */
    public ConversationState withDialogue(DialogueContext next) {
        return new ConversationState(id, tokenHash, channel, locale, status, misses, createdAt, updatedAt, recentTurns,
                ticketId, awaitingContact, channelUser, check, next, profile);
    }

    /** The language chosen by the customer (the widget's language button). */
    public ConversationState withLocale(String newLocale) {
        return new ConversationState(id, tokenHash, channel, newLocale, status, misses, createdAt, updatedAt, recentTurns,
                ticketId, awaitingContact, channelUser, check, dialogue, profile);
    }

    public ConversationState withAwaitingContact(boolean awaiting) {
        return new ConversationState(id, tokenHash, channel, locale, status, misses, createdAt, updatedAt, recentTurns,
                ticketId, awaiting, channelUser, check, dialogue, profile);
    }
}
