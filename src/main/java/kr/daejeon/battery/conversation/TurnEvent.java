package kr.daejeon.battery.conversation;

import java.time.Duration;
import kr.daejeon.battery.escalation.Ticket;

/**
 * What {@link ChatService} tells the rest of the system once something is stored: the side effects of a turn
 * (metrics, the unanswered-question log, the ticket webhook, the staff live feed) are observers of these,
 * registered once in {@code Server} ({@link TurnEvents}), instead of calls inside the service.
 */
public sealed interface TurnEvent {

    /** A conversation was created (its greeting stored). */
    record ConversationStarted(String conversationId, String channel) implements TurnEvent {
    }

    /**
     * A customer's turn was stored (never sent for a replayed retry, which stored nothing).
     *
     * @param text the customer's message (personal data: never logged by observers)
     * @param took from the request reaching the service to the turn being stored and announced
     */
    record TurnCommitted(String conversationId, String text, ChatService.Turn turn, Duration took) implements TurnEvent {
    }

    /**
     * A turn opened a ticket or changed one (contact details). Sent again when a retry opens the ticket its first
     * attempt stored but did not open, so observers hear of every ticket at least once.
     */
    record TicketChanged(Ticket ticket, boolean opened) implements TurnEvent {
    }

    /** A turn was refused by a rate limit of {@code scope}; nothing was stored. */
    record RateLimited(String scope) implements TurnEvent {
    }
}
