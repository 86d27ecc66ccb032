package kr.daejeon.battery.conversation;

import java.util.List;
import kr.daejeon.battery.escalation.HandoffReason;
import kr.daejeon.battery.nlu.ScoredIntent;

/**
 * The engine's decision for one user message.
 *
 * @param intent     the intent the answer came from, {@code fallback} or {@code human_handoff}
 * @param userIntent what the classifier made of the user's message (kept on the stored message)
 * @param replies    the bot messages to append after the user's message (no ids yet)
 * @param contact    contact details the customer just gave for their ticket, or null
 * @param handoffReason set when this turn hands the conversation to staff: why, or null otherwise
 */
public record TurnResult(ConversationState state, String intent, double confidence, String userIntent,
                         List<Message> replies, List<ScoredIntent> ranking, HandoffReason handoffReason, String contact) {
}
