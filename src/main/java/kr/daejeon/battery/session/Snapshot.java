package kr.daejeon.battery.session;

import kr.daejeon.battery.conversation.ConversationState;

/**
 * A conversation's state with its version (how many messages it has: every write of a state appends at least one),
 * as a node last saw it; possibly stale, which a planned {@link TurnCommit} finds out when it is committed.
 */
public record Snapshot(ConversationState state, long version) {
}
