package kr.daejeon.battery.conversation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * Everything the engine remembers about a conversation between turns. The customer's token is
 * kept only as a SHA-256 hash, so a copy of the store does not let anyone into a conversation.
 *
 * @param status {@link #BOT} while the assistant answers, {@link #WAITING} once handed to staff
 * @param misses consecutive turns the assistant could not answer
 */
public record ConversationState(String id, String tokenHash, String channel, String locale, String status, int misses,
                                Instant createdAt, Instant updatedAt) {

    public static final String BOT = "bot";
    public static final String WAITING = "waiting";
    public static final String WITH_STAFF = "staff";

    /** True while staff own the conversation: the store must keep it until they resolve it. */
    @JsonIgnore
    public boolean isHandoff() {
        return !BOT.equals(status);
    }

    public ConversationState withTurn(String newLocale, String newStatus, int newMisses, Instant now) {
        return new ConversationState(id, tokenHash, channel, newLocale, newStatus, newMisses, createdAt, now);
    }
}
