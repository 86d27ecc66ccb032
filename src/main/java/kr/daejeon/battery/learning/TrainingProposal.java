package kr.daejeon.battery.learning;

import java.time.Instant;

/**
 * A staff suggestion to teach the classifier: this customer wording means that intent. An admin
 * approves (the utterance is written to {@code intents/} and the model retrained) or rejects it.
 */
public record TrainingProposal(String id, String intent, String language, String text, String proposedBy,
                               Instant proposedAt, String status, String decidedBy, Instant decidedAt) {

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    TrainingProposal decided(String newStatus, String by, Instant at) {
        return new TrainingProposal(id, intent, language, text, proposedBy, proposedAt, newStatus, by, at);
    }
}
