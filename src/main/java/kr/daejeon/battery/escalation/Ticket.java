package kr.daejeon.battery.escalation;

import java.time.Instant;
import java.util.List;

/**
 * A conversation handed to staff. The transcript itself stays with the conversation (kept
 * until the ticket is resolved); the ticket carries what staff need to triage it.
 *
 * @param reason   {@code user_request}, {@code repeated_misses} or {@code faq_escalate}
 * @param status   {@code waiting}, {@code assigned} or {@code resolved}
 * @param assignee staff username while assigned
 * @param contact  e-mail or phone number the customer left outside business hours (personal data: never logged)
 * @param consent  the privacy-notice consent given with {@code contact}; null without a contact
 * @param satisfaction the customer's rating once the ticket is resolved, or null
 */
public record Ticket(String id, String conversationId, String channel, String language, String reason, String status,
                     String assignee, Instant createdAt, Instant updatedAt, List<TurnContext> classifierContext,
                     String contact, ContactConsent consent, Satisfaction satisfaction) {

    /** A ticket without consent or rating yet (how every ticket is opened). */
    public Ticket(String id, String conversationId, String channel, String language, String reason, String status,
                  String assignee, Instant createdAt, Instant updatedAt, List<TurnContext> classifierContext, String contact) {
        this(id, conversationId, channel, language, reason, status, assignee, createdAt, updatedAt, classifierContext, contact,
                null, null);
    }

    public static final String WAITING = "waiting";
    public static final String ASSIGNED = "assigned";
    public static final String RESOLVED = "resolved";

    public Ticket withStatus(String newStatus, String newAssignee, Instant now) {
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
