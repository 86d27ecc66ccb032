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
 */
public record Ticket(String id, String conversationId, String channel, String language, String reason, String status,
                     String assignee, Instant createdAt, Instant updatedAt, List<TurnContext> classifierContext,
                     String contact) {

    public static final String WAITING = "waiting";
    public static final String ASSIGNED = "assigned";
    public static final String RESOLVED = "resolved";

    public Ticket withStatus(String newStatus, String newAssignee, Instant now) {
        return new Ticket(id, conversationId, channel, language, reason, newStatus, newAssignee, createdAt, now,
                classifierContext, contact);
    }

    public Ticket withContact(String newContact) {
        return new Ticket(id, conversationId, channel, language, reason, status, assignee, createdAt, updatedAt,
                classifierContext, newContact);
    }
}
