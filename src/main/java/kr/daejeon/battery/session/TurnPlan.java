package kr.daejeon.battery.session;

import java.util.List;
import java.util.function.Function;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/**
 * What a turn computed from a conversation's state wants stored: the next state and the new messages
 * (no ids yet), and how to make the turn's result from the messages once they are stored with ids.
 * A plan has no side effects, so a store may discard it and ask for another from a fresher state; what it
 * also records is recorded once the turn is stored.
 *
 * <p>With a {@link TurnRecord} the turn is stored only if no turn was stored under the same key before; when
 * one was, the store answers {@code replay} with it instead and stores nothing.
 */
public record TurnPlan<T>(ConversationState state, List<Message> messages, Function<List<Message>, T> result,
                          ListEntry<?> alsoRecord, TurnRecord record, Function<StoredTurn, T> replay) {

    /** @param alsoRecord kept together with the turn (see {@link ListEntry}), or null */
    public TurnPlan {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a turn stores at least one message");
        }
        if (record != null && replay == null) {
            throw new IllegalArgumentException("a turn with a record needs a replay");
        }
        messages = List.copyOf(messages);
    }

    public TurnPlan(ConversationState state, List<Message> messages, Function<List<Message>, T> result,
                    ListEntry<?> alsoRecord) {
        this(state, messages, result, alsoRecord, null, null);
    }

    public TurnPlan(ConversationState state, List<Message> messages, Function<List<Message>, T> result) {
        this(state, messages, result, null, null, null);
    }
}
