package kr.daejeon.battery.channel;

import java.util.List;
import kr.daejeon.battery.logging.PiiMasker;
import kr.daejeon.battery.session.CappedList;

/** The newest failed deliveries, newest first, for the staff console; bounded, shared through Redis when configured. */
public final class DeadLetterLog {

    public static final int CAPACITY = 1000;

    private final CappedList<DeadLetter> letters;

    /** @param letters the backend's list named {@code deadletters}, of {@link #CAPACITY} */
    public DeadLetterLog(CappedList<DeadLetter> letters) {
        this.letters = java.util.Objects.requireNonNull(letters, "a dead-letter log needs the backend's list");
    }

    /**
     * Stored masked (phone numbers, e-mail, registration and card numbers): staff follow up from the
     * conversation, which keeps the text as written. Blocking when in Redis: call off the event loop.
     */
    public void add(DeadLetter letter) {
        letters.add(new DeadLetter(letter.id(), letter.channel(), letter.conversationId(), letter.operation(),
                PiiMasker.mask(letter.text()), PiiMasker.mask(letter.reason()), letter.attempts(), letter.failedAt()));
    }

    public List<DeadLetter> recent(int limit) {
        return letters.recent(limit);
    }

    /** Retention: forgets letters that failed before {@code cutoff}. */
    public int sweep(java.time.Instant cutoff) {
        return letters.sweep(cutoff, DeadLetter::failedAt);
    }

    /** Erasure: forgets the letters of one conversation. */
    public int forget(String conversationId) {
        return letters.removeWhere(l -> conversationId.equals(l.conversationId()));
    }

    /** How many are recorded (at most {@link #CAPACITY}). */
    public long size() {
        return letters.size();
    }
}
