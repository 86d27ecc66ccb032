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
 */
public record TurnPlan<T>(ConversationState state, List<Message> messages, Function<List<Message>, T> result,
                          ListEntry<?> alsoRecord) {

    /** @param alsoRecord kept together with the turn (see {@link ListEntry}), or null */
    public TurnPlan {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a turn stores at least one message");
        }
        messages = List.copyOf(messages);
    }

    public TurnPlan(ConversationState state, List<Message> messages, Function<List<Message>, T> result) {
        this(state, messages, result, null);
    }
}
