package kr.daejeon.battery.faq;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One scheduled run of a training course, as the program office enters it in {@code faq/}: when and
 * where, how many seats and how many are taken, and the sign-up window. An {@code example} session is
 * example data ({@code source: example}): it is shown with its marker, but nothing about it is presented as
 * live (no countdown, no seats left, no calendar file), since no company can sign up for it.
 */
public record TrainingSession(String id, LocalizedText course, LocalizedText place, OffsetDateTime starts,
                              OffsetDateTime ends, int seats, int taken, DateWindow signup, boolean example) {

    /** Where a company stands with this session at {@code now}. */
    public enum Status { SIGNUP_NOT_OPEN, OPEN, FULL, SIGNUP_CLOSED, RUNNING, ENDED }

    public Status status(Instant now) {
        if (!now.isBefore(ends.toInstant())) {
            return Status.ENDED;
        }
        if (!now.isBefore(starts.toInstant())) {
            return Status.RUNNING;
        }
        if (now.isBefore(signup.opens().toInstant())) {
            return Status.SIGNUP_NOT_OPEN;
        }
        if (!now.isBefore(signup.closes().toInstant())) {
            return Status.SIGNUP_CLOSED;
        }
        return taken >= seats ? Status.FULL : Status.OPEN;
    }

    public int seatsLeft() {
        return Math.max(0, seats - taken);
    }
}
