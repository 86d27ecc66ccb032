package kr.daejeon.battery.learning;

import java.time.Instant;

/**
 * A staff suggestion an admin approves or rejects: an {@link #UTTERANCE} ("this customer wording
 * means that intent") or an {@link #ANSWER} (a staff
 * reply drafted as the intent's FAQ answer in one language). An approval makes a new content version
 * ({@code version}), which every node then serves.
 */
public record TrainingProposal(String id, String intent, String language, String text, String proposedBy,
                               Instant proposedAt, String status, String decidedBy, Instant decidedAt, String kind,
                               Long version) {

    public static final String UTTERANCE = "utterance";
    public static final String ANSWER = "answer";

    public TrainingProposal {
        kind = kind == null ? UTTERANCE : kind;
    }

    public static final String PENDING = "pending";
    public static final String APPROVED = "approved";
    public static final String REJECTED = "rejected";

    TrainingProposal decided(String newStatus, String by, Instant at) {
        return new TrainingProposal(id, intent, language, text, proposedBy, proposedAt, newStatus, by, at, kind, null);
    }

    /** The approved proposal with the content version that carries it. */
    TrainingProposal inVersion(long v) {
        return new TrainingProposal(id, intent, language, text, proposedBy, proposedAt, status, decidedBy, decidedAt, kind, v);
    }
}
