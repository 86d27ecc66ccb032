package kr.daejeon.battery.learning;

import java.util.List;
import kr.daejeon.battery.logging.PiiMasker;
import kr.daejeon.battery.session.CappedList;

/** The newest unanswered questions, newest first; bounded, shared through Redis when configured. Blocking in Redis. */
public final class UnansweredLog {

    public static final int CAPACITY = 5000;

    private final CappedList<UnansweredQuestion> questions;

    /** @param questions the backend's list named {@code unanswered}, of {@link #CAPACITY} */
    public UnansweredLog(CappedList<UnansweredQuestion> questions) {
        this.questions = java.util.Objects.requireNonNull(questions, "an unanswered log needs the backend's list");
    }

    public void add(UnansweredQuestion q) {
        questions.add(masked(q));
    }

    /**
     * Kept masked: staff learn from the question, not from the phone number or e-mail in it, and this log is
     * read by every staff member (the transcript itself, which staff answer from, stays as written).
     */
    private static UnansweredQuestion masked(UnansweredQuestion q) {
        String text = PiiMasker.mask(q.text());
        return text.equals(q.text()) ? q : new UnansweredQuestion(text, q.language(), q.answeredIntent(), q.confidence(),
                q.topIntents(), q.conversationId(), q.channel(), q.at());
    }

    /** Retention: forgets questions asked before {@code cutoff}. */
    public int sweep(java.time.Instant cutoff) {
        return questions.sweep(cutoff, UnansweredQuestion::at);
    }

    /** Erasure: forgets the questions of one conversation. */
    public int forget(String conversationId) {
        return questions.removeWhere(q -> conversationId.equals(q.conversationId()));
    }

    public List<UnansweredQuestion> recent(int limit) {
        return questions.recent(limit);
    }
}
