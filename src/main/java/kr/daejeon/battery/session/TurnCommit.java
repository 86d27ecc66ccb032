package kr.daejeon.battery.session;

import java.util.List;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/**
 * One turn to store, as a value: the conversation's next state and the turn's new messages (no ids yet), stored in
 * one atomic step with the turn's idempotency record and its charges, or not at all (see {@link CommitResult}).
 *
 * <p>A turn is committed either <em>planned</em> — computed from a {@link Snapshot} without holding the lock, and
 * stored only if the conversation is still at that snapshot's version — or <em>under the lock</em> of
 * {@link SessionStore#withLock(String, java.util.function.Function)}, whose {@link SessionStore.Held} it names; the
 * commit under a lock is the last step of the locked work.
 *
 * @param basedOn  the snapshot a planned turn was computed from, or null under a lock
 * @param held     the lock the turn is committed under, or null when planned
 * @param record   what the turn is kept under for retries, or null
 * @param charges  rate-limit tokens the turn takes from this conversation's buckets; when one is empty, nothing is stored
 * @param announce whether the store announces the stored messages to live listeners as it stores them (false when
 *                 the caller must announce something else first, e.g. the ticket the turn opened)
 */
public record TurnCommit(ConversationState next, List<Message> messages, Snapshot basedOn, SessionStore.Held held,
                         TurnRecord record, List<Charge> charges, boolean announce) {

    /** One token from the conversation's bucket of {@code scope}, which refills {@code perMinute} tokens a minute. */
    public record Charge(String scope, int perMinute) {
        public Charge {
            if (scope == null || scope.isEmpty() || perMinute < 1) {
                throw new IllegalArgumentException("a charge needs a scope and a positive rate");
            }
        }
    }

    public TurnCommit {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a turn stores at least one message (the message count is the version)");
        }
        if ((basedOn == null) == (held == null)) {
            throw new IllegalArgumentException("a turn is committed either planned from a snapshot or under a lock");
        }
        if (basedOn != null && !basedOn.state().id().equals(next.id())
                || held != null && !held.conversationId().equals(next.id())) {
            throw new IllegalArgumentException("a turn is committed to the conversation it was computed for");
        }
        messages = List.copyOf(messages);
        charges = List.copyOf(charges);
    }

    /** A turn computed from {@code basedOn}, announced as it is stored. */
    public static TurnCommit planned(Snapshot basedOn, ConversationState next, List<Message> messages) {
        return new TurnCommit(next, messages, basedOn, null, null, List.of(), true);
    }

    /** A turn computed under {@code held}, announced as it is stored. */
    public static TurnCommit underLock(SessionStore.Held held, ConversationState next, List<Message> messages) {
        return new TurnCommit(next, messages, null, held, null, List.of(), true);
    }

    public TurnCommit recordedAs(TurnRecord turnRecord) {
        return new TurnCommit(next, messages, basedOn, held, turnRecord, charges, announce);
    }

    public TurnCommit charging(List<Charge> turnCharges) {
        return new TurnCommit(next, messages, basedOn, held, record, turnCharges, announce);
    }

    /** The same turn, stored without announcing its messages (the caller announces them). */
    public TurnCommit unannounced() {
        return new TurnCommit(next, messages, basedOn, held, record, charges, false);
    }

    public String conversationId() {
        return next.id();
    }
}
