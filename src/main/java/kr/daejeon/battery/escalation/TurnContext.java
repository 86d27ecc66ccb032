package kr.daejeon.battery.escalation;

import java.util.List;
import kr.daejeon.battery.nlu.ScoredIntent;

/**
 * What the classifier thought of one user message (the message sent at {@code at}): shown to
 * staff so they see why the bot could not help.
 */
public record TurnContext(java.time.Instant at, List<ScoredIntent> topIntents) {
}
