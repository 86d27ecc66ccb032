package kr.daejeon.battery.privacy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a customer's personal data lives, and the two ways it ends (PIPA): the retention sweep (nothing is kept
 * longer than {@code retention} after its last change) and erasure on request (the customer's own, or staff's on
 * the customer's behalf). See docs/privacy.md. Blocking: call off the event loop.
 */
public final class PersonalData {

    private static final Logger LOG = LoggerFactory.getLogger(PersonalData.class);
    /** The audit trail of erasures: who, which conversation, when (no personal data in it). */
    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    private final SessionStore conversations;
    private final TicketStore tickets;
    private final UnansweredLog unanswered;
    private final DeadLetterLog deadLetters;
    private final Duration retention;
    private final Clock clock;

    public PersonalData(SessionStore conversations, TicketStore tickets, UnansweredLog unanswered, DeadLetterLog deadLetters,
                        Duration retention, Clock clock) {
        this.conversations = conversations;
        this.tickets = tickets;
        this.unanswered = unanswered;
        this.deadLetters = deadLetters;
        this.retention = retention;
        this.clock = clock;
    }

    /** What an erasure removed. */
    public record Erased(boolean conversation, int tickets, int unansweredQuestions, int deadLetters) {
    }

    /**
     * Erases a conversation and everything about it: transcript and state, its tickets with notes and contact
     * details, its unanswered questions and dead letters. {@code by} is who asked ({@code customer} or
     * {@code staff:<username>}), kept in the audit log.
     */
    public Erased erase(String conversationId, String by) {
        boolean conversation = conversations.delete(conversationId);
        Erased erased = new Erased(conversation, tickets.eraseConversation(conversationId), unanswered.forget(conversationId),
                deadLetters.forget(conversationId));
        AUDIT.info("erased conversation={} by={} at={} tickets={} unanswered={} deadLetters={}", conversationId, by,
                clock.instant(), erased.tickets(), erased.unansweredQuestions(), erased.deadLetters());
        return erased;
    }

    /** Removes what is past the retention period; run periodically. Returns how many records went. */
    public int sweep() {
        Instant cutoff = clock.instant().minus(retention);
        int removed = tickets.sweep(cutoff) + unanswered.sweep(cutoff) + deadLetters.sweep(cutoff)
                + conversations.evictExpired();
        if (removed > 0) {
            LOG.info("retention sweep removed {} records older than {} days", removed, retention.toDays());
        }
        return removed;
    }
}
