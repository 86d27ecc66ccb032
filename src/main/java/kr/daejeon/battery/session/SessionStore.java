package kr.daejeon.battery.session;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/**
 * Where conversations and their transcripts live. Implementations block (call them off the
 * event loop) and throw {@link StoreUnavailableException} when the backing store cannot be reached.
 *
 * <p>Conversations expire after a period of inactivity unless they are handed to staff
 * ({@link ConversationState#isHandoff()}): those are kept until staff resolve them.
 *
 * <p>A customer's turn is a {@link TurnCommit}: planned from a {@link #read snapshot} and committed if nothing
 * changed meanwhile, or computed and committed under the conversation's lock; {@link #commit} answers with a
 * {@link CommitResult} and the caller decides what to do next (plan again, take the lock, refuse).
 */
public interface SessionStore extends AutoCloseable {

    /** The conversation's lock while it is held: passed to the locked work, named by a commit made under it. */
    interface Held {
        String conversationId();

        /** The conversation's state as read when the lock was taken; empty when there is none. */
        Optional<ConversationState> state();
    }

    /** Stores a new conversation with its first messages; returns them with their ids. */
    List<Message> create(ConversationState state, List<Message> messages);

    Optional<ConversationState> find(String id);

    /** The state with its version, to plan a turn from; may be this node's recent copy. Empty when there is none. */
    Optional<Snapshot> read(String id);

    /**
     * Runs {@code work} while holding the conversation's lock, so turns on one conversation happen one after
     * another even across server nodes; {@code work} gets the lock with the state read when it was taken.
     *
     * @throws StoreBusyException when the lock cannot be had in time
     */
    <T> T withLock(String id, Function<Held, T> work);

    /** {@link #withLock(String, Function)} for work that does not need the lock's value. */
    default <T> T withLock(String id, Supplier<T> work) {
        return withLock(id, held -> work.get());
    }

    /** {@link #withLock(String, Function)} with the state as read under the lock. */
    default <T> T withLockedState(String id, Function<Optional<ConversationState>, T> work) {
        return withLock(id, held -> work.apply(held.state()));
    }

    /** Appends messages in order and saves the state, atomically; returns the messages with ids. */
    List<Message> append(ConversationState state, List<Message> messages);

    /** Stores a customer's turn in one atomic step, or tells why not (see {@link CommitResult}). */
    CommitResult commit(TurnCommit commit);

    /** The turn stored under {@code key} in conversation {@code id} (see {@link TurnRecord}), if any. */
    Optional<StoredTurn> storedTurn(String id, String key);

    /**
     * Erases the conversation: its state, transcript and idempotency records (a customer's or staff's request, or
     * retention). Returns false when there was none.
     */
    boolean delete(String id);

    /** Messages with id greater than {@code afterId}, oldest first, at most {@code limit}. */
    List<Message> messagesAfter(String id, long afterId, int limit);

    /**
     * Drops expired conversations a store does not drop by itself (Redis expires its keys on its own; this process's
     * memory needs the retention sweep to call this). Returns how many went.
     */
    default int evictExpired() {
        return 0;
    }

    /** True when the store answers. */
    boolean ping();

    @Override
    void close();
}
