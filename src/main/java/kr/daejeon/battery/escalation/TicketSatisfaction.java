package kr.daejeon.battery.escalation;

import java.time.Clock;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.ConversationNotFoundException;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.session.SessionStore;

/**
 * A customer rates a resolved ticket of their own conversation (CSAT, 1-5 with an optional comment), from the
 * widget (with the conversation's token) or a messenger button (the platform authenticated the sender). One
 * rating per ticket. Blocking (store calls): worker threads.
 */
public final class TicketSatisfaction {

    /** The ticket is not one of this conversation's (or no longer kept). */
    public static final class UnknownTicketException extends RuntimeException {
        UnknownTicketException() {
            super("no such ticket in this conversation", null, false, false);
        }
    }

    /** The ticket cannot be rated (still open, or rated already). */
    public static final class NotRateableException extends RuntimeException {
        public final String code;

        NotRateableException(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    private final ChatService chat;
    private final SessionStore conversations;
    private final TicketStore tickets;
    private final MessageFeed feed;
    private final ServiceMetrics metrics;
    private final Clock clock;

    public TicketSatisfaction(ChatService chat, SessionStore conversations, TicketStore tickets, MessageFeed feed,
                              ServiceMetrics metrics, Clock clock) {
        this.chat = chat;
        this.conversations = conversations;
        this.tickets = tickets;
        this.feed = feed;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** From the widget: the token is checked first. {@code score} and {@code comment} are validated by the caller. */
    public Satisfaction rate(String conversationId, String token, String ticketId, int score, String comment) {
        return record(chat.authorize(conversationId, token), ticketId, score, comment);
    }

    /** From a messenger button; returns the conversation's language (for the thank-you). */
    public String rateFromChannel(String conversationId, String ticketId, int score) {
        ConversationState state = conversations.find(conversationId).orElseThrow(ConversationNotFoundException::new);
        record(state, ticketId, score, null);
        return state.locale();
    }

    private Satisfaction record(ConversationState state, String ticketId, int score, String comment) {
        if (!Satisfaction.validScore(score)) {
            throw new IllegalArgumentException("score must be 1-5");
        }
        // Another conversation's ticket is answered like a missing one: ids reveal nothing.
        Ticket t = tickets.find(ticketId).filter(x -> x.conversationId().equals(state.id()))
                .orElseThrow(UnknownTicketException::new);
        Satisfaction rating = new Satisfaction(score, comment, clock.instant());
        switch (tickets.rate(ticketId, rating)) {
            case NOT_FOUND -> throw new UnknownTicketException();
            case NOT_RESOLVED -> throw new NotRateableException("ticket_open", "The conversation with staff has not ended yet.");
            case ALREADY_RATED -> throw new NotRateableException("already_rated", "This conversation has been rated already.");
            case STORED -> {
            }
        }
        metrics.satisfaction(t.channel(), score);
        tickets.find(ticketId).ifPresent(feed::ticketChanged);
        return rating;
    }
}
