package kr.daejeon.battery.learning;

import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.ScoredIntent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which turns staff should learn from — every fallback, and every answer given with less
 * than {@code lowConfidence} — and records them once the turn is stored, apart from it (the log is shared by every
 * conversation, so it is never written in a conversation's atomic step): recording is best effort, a failure is
 * logged, never the turn's failure.
 */
public final class UnansweredRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(UnansweredRecorder.class);

    private final UnansweredLog log;
    private final double lowConfidence;

    public UnansweredRecorder(UnansweredLog log, double lowConfidence) {
        this.log = log;
        this.lowConfidence = lowConfidence;
    }

    public boolean worthRecording(String intent, double confidence) {
        return IntentClassifier.FALLBACK.equals(intent) || (confidence < lowConfidence && !FaqCatalog.HANDOFF_INTENT.equals(intent));
    }

    /** Records the turn's question when it is worth learning from (see {@link #worthRecording}). */
    public void record(String text, String language, String intent, double confidence, List<ScoredIntent> ranking,
                       String conversationId, String channel, Instant at) {
        if (!worthRecording(intent, confidence)) {
            return;
        }
        try {
            log.add(new UnansweredQuestion(text, language, intent, confidence, List.copyOf(ranking), conversationId,
                    channel, at));
        } catch (RuntimeException e) {
            LOG.warn("unanswered question not recorded: {}", e.getMessage());
        }
    }
}
