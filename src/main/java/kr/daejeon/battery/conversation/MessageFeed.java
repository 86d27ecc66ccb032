package kr.daejeon.battery.conversation;

import java.util.List;
import kr.daejeon.battery.escalation.Ticket;

/** Announces newly stored messages and ticket changes to live listeners (SSE streams, staff consoles). */
public interface MessageFeed {

    /** Announces nothing (a store used without live listeners, as in tests and tools). */
    MessageFeed NONE = new MessageFeed() {
        @Override
        public void publish(String conversationId, List<Message> messages) {
        }

        @Override
        public void ticketChanged(Ticket ticket) {
        }
    };

    void publish(String conversationId, List<Message> messages);

    void ticketChanged(Ticket ticket);

    /**
     * This process has a live listener for {@code conversationId} (null: a staff console, which hears every
     * conversation and every ticket) until the returned handle is closed. {@code ready} runs, on any thread,
     * once messages stored from then on are sure to reach the listener; a listener that reads the store after
     * that misses nothing. A feed that relays through Redis subscribes first.
     */
    default Listening listen(String conversationId, Runnable ready) {
        ready.run();
        return () -> { };
    }

    /** The end of a listener's interest; closing twice is harmless. */
    interface Listening extends AutoCloseable {
        @Override
        void close();
    }
}
