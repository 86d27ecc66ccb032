package kr.daejeon.battery.learning;

import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.nlu.ScoredIntent;

/**
 * A customer message the assistant could not answer with confidence: it fell back, or the best
 * intent was unsure. Kept for staff so the content can learn from it.
 */
public record UnansweredQuestion(String text, String language, String answeredIntent, double confidence,
                                 List<ScoredIntent> topIntents, String conversationId, String channel, Instant at) {
}
