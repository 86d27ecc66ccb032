package kr.daejeon.battery.session;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;

/**
 * Where conversations and their transcripts live. Implementations block (call them off the
 * event loop) and throw {@link StoreUnavailableException} when the backing store cannot be reached.
 *
 * <p>Conversations expire after a period of inactivity unless they are handed to staff
 * ({@link ConversationState#isHandoff()}): those are kept until staff resolve them.
 */
public interface SessionStore extends AutoCloseable {

    /** Stores a new conversation with its first messages; returns them with their ids. */
    List<Message> create(ConversationState state, List<Message> messages);

    Optional<ConversationState> find(String id);

    /**
     * Runs {@code work} while holding the conversation's lock, so turns on one conversation
     * happen one after another even across server nodes.
     *
     * @throws StoreBusyException when the lock cannot be had in time
     */
    <T> T withLock(String id, Supplier<T> work);

    /**
     * Like {@link #withLock}, with the conversation's state as read under the lock (stores may read
     * it together with taking the lock).
     */
    default <T> T withLockedState(String id, java.util.function.Function<Optional<ConversationState>, T> work) {
        return withLock(id, () -> work.apply(find(id)));
    }

    /**
     * Like {@link #withLockedState(String, java.util.function.Function)}, after {@code check} passed. A store in
     * the check's Redis runs it in the round trip that takes the lock; when it refuses, {@code work} does not run.
     */
    default <T> T withLockedState(String id, PipelinedCheck check,
                                  java.util.function.Function<Optional<ConversationState>, T> work) {
        check.run();
        return withLockedState(id, work);
    }

    /**
     * Appends messages in order and saves the state, atomically; returns the messages with ids. Inside
     * {@link #withLock} it is the last step: a store may release the lock with it.
     */
    default List<Message> append(ConversationState state, List<Message> messages) {
        return append(state, messages, null, null);
    }

    /**
     * {@link #append}, and in the same atomic step the turn's {@code record} (or null) and {@code write} (or null):
     * if the append fails, neither is kept.
     */
    List<Message> append(ConversationState state, List<Message> messages, TurnRecord record, CommitWrite write);

    /** The turn stored under {@code key} in conversation {@code id} (see {@link TurnRecord}), if any. */
    Optional<StoredTurn> storedTurn(String id, String key);

    /**
     * {@link #append}, then the stored messages announced on {@code feed}. A store that shares its Redis
     * with the feed does both in one round trip.
     */
    default List<Message> appendAndPublish(ConversationState state, List<Message> messages, MessageFeed feed) {
        return appendAndPublish(state, messages, feed, null);
    }

    /** {@link #appendAndPublish}, with the turn's record (or null) stored in the same step. */
    default List<Message> appendAndPublish(ConversationState state, List<Message> messages, MessageFeed feed,
                                           TurnRecord record) {
        List<Message> stored = append(state, messages, record, null);
        feed.publish(state.id(), stored);
        return stored;
    }

    /**
     * A turn that may be computed without holding the conversation's lock. {@code plan} gets the state
     * and returns what to store, or null when the turn has side effects (a ticket): {@code locked} then
     * runs under the lock with the state read under it, as in {@link #withLockedState}. A store commits a
     * plan only if the conversation did not change after the state it was computed from was read, and
     * otherwise asks for a new plan from the current state; {@code check} passes before anything is
     * stored (a Redis store runs it inside the commit), and only once {@code plan} accepted the request (a plan
     * that throws, e.g. for a wrong token, charges nothing to the check). The stored messages are announced on {@code feed}.
     */
    default <T> T planTurn(String id, PipelinedCheck check, MessageFeed feed,
                           java.util.function.Function<Optional<ConversationState>, TurnPlan<T>> plan,
                           java.util.function.Function<Optional<ConversationState>, T> locked) {
        return withLockedState(id, PipelinedCheck.NONE, found -> {
            // The plan checks the customer's token first: a request for someone else's conversation is refused
            // before anything is charged to that conversation's limit.
            TurnPlan<T> p = plan.apply(found);
            check.run();
            if (p == null) {
                return locked.apply(found);
            }
            if (p.record() != null) {
                Optional<StoredTurn> done = storedTurn(id, p.record().key());
                if (done.isPresent()) {
                    return p.replay().apply(done.get());
                }
            }
            List<Message> stored = appendAndPublish(p.state(), p.messages(), feed, p.record());
            if (p.alsoRecord() != null) {
                p.alsoRecord().addSeparately();
            }
            return p.result().apply(stored);
        });
    }

    /**
     * Erases the conversation: its state, transcript and idempotency records (a customer's or staff's request, or
     * retention). Returns false when there was none.
     */
    boolean delete(String id);

    /** Messages with id greater than {@code afterId}, oldest first, at most {@code limit}. */
    List<Message> messagesAfter(String id, long afterId, int limit);

    /** True when the store answers. */
    boolean ping();

    @Override
    void close();
}
