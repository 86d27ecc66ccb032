package kr.daejeon.battery.escalation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation handed to staff. The transcript itself stays with the conversation (kept
 * until the ticket is resolved); the ticket carries what staff need to triage it.
 *
 * @param reason   why it was handed over (lowercase on the wire: {@code user_request}, …)
 * @param status   waiting, assigned or resolved (lowercase on the wire)
 * @param assignee staff username while assigned
 * @param contact  e-mail or phone number the customer left outside business hours (personal data: never logged)
 * @param consent  the privacy-notice consent given with {@code contact}; null without a contact
 * @param satisfaction the customer's rating once the ticket is resolved, or null
 */
public record Ticket(String id, String conversationId, String channel, String language, HandoffReason reason, TicketStatus status,
                     String assignee, Instant createdAt, Instant updatedAt, List<TurnContext> classifierContext,
                     String contact, ContactConsent consent, Satisfaction satisfaction) {

    /** A ticket without consent or rating yet (how every ticket is opened). */
    public Ticket(String id, String conversationId, String channel, String language, HandoffReason reason, TicketStatus status,
                  String assignee, Instant createdAt, Instant updatedAt, List<TurnContext> classifierContext, String contact) {
        this(id, conversationId, channel, language, reason, status, assignee, createdAt, updatedAt, classifierContext, contact,
                null, null);
    }

    public Ticket withStatus(TicketStatus newStatus, String newAssignee, Instant now) {
        return new Ticket(id, conversationId, channel, language, reason, newStatus, newAssignee, createdAt, now,
                classifierContext, contact, consent, satisfaction);
    }

    public Ticket withContact(String newContact) {
        return new Ticket(id, conversationId, channel, language, reason, status, assignee, createdAt, updatedAt,
                classifierContext, newContact, consent, satisfaction);
    }

    public Ticket withContact(String newContact, ContactConsent newConsent) {
        return new Ticket(id, conversationId, channel, language, reason, status, assignee, createdAt, updatedAt,
                classifierContext, newContact, newConsent, satisfaction);
    }

    public Ticket withSatisfaction(Satisfaction rating) {
        return new Ticket(id, conversationId, channel, language, reason, status, assignee, createdAt, updatedAt,
                classifierContext, contact, consent, rating);
    }
}
