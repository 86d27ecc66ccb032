package kr.daejeon.battery.escalation;

import java.util.List;
import kr.daejeon.battery.nlu.ScoredIntent;

/** What the classifier thought of one user message: shown to staff so they see why the bot failed. */
public record TurnContext(long messageId, List<ScoredIntent> topIntents) {
}
