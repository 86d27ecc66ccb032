package kr.daejeon.battery.learning;

import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.ScoredIntent;
import kr.daejeon.battery.session.ListEntry;

/**
 * Decides which turns staff should learn from — every fallback, and every answer given with less
 * than {@code lowConfidence} — as entries the turn records with its messages; a failure to record never
 * fails the turn (see {@link ListEntry}).
 */
public final class UnansweredRecorder {

    private final UnansweredLog log;
    private final double lowConfidence;

    public UnansweredRecorder(UnansweredLog log, double lowConfidence) {
        this.log = log;
        this.lowConfidence = lowConfidence;
    }

    public boolean worthRecording(String intent, double confidence) {
        return IntentClassifier.FALLBACK.equals(intent) || (confidence < lowConfidence && !FaqCatalog.HANDOFF_INTENT.equals(intent));
    }

    /** What the turn leaves in the unanswered log, for the store to record with the turn; null when nothing. */
    public ListEntry<UnansweredQuestion> entryFor(String text, String language, String intent, double confidence,
                                                  List<ScoredIntent> ranking, String conversationId, String channel,
                                                  Instant at) {
        if (!worthRecording(intent, confidence)) {
            return null;
        }
        return log.entry(new UnansweredQuestion(text, language, intent, confidence, List.copyOf(ranking), conversationId,
                channel, at));
    }
}
