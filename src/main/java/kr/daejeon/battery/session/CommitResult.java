package kr.daejeon.battery.session;

import java.util.List;
import kr.daejeon.battery.conversation.Message;

/** What became of a {@link TurnCommit}: stored, or why not (in which case nothing of it was stored or charged). */
public sealed interface CommitResult {

    /** Stored: the turn's messages with their ids. */
    record Committed(List<Message> stored) implements CommitResult {
    }

    /** A turn was stored before under the commit's {@link TurnRecord} key: this one is a retry of it. */
    record Replayed(StoredTurn earlier) implements CommitResult {
    }

    /** The conversation changed after the planned turn's snapshot: {@code current} is what to plan again from. */
    record Stale(Snapshot current) implements CommitResult {
    }

    /** Someone holds the conversation's lock (a staff action, a turn that opens a ticket): take the lock and wait. */
    record Busy() implements CommitResult {
    }

    /** The conversation no longer exists (expired or erased). */
    record Gone() implements CommitResult {
    }

    /** The charge of {@code scope} found its bucket empty; a retry may succeed after {@code retryAfterSeconds}. */
    record Limited(String scope, int retryAfterSeconds) implements CommitResult {
    }
}
