package kr.daejeon.battery.conversation;

import java.util.List;
import kr.daejeon.battery.escalation.Ticket;

/** Announces newly stored messages and ticket changes to live listeners (SSE streams, staff consoles). */
public interface MessageFeed {

    void publish(String conversationId, List<Message> messages);

    void ticketChanged(Ticket ticket);

    /**
     * The Redis pub/sub channels this feed relays to its listeners, or null when it relays none. A Redis
     * store may then publish a turn's messages itself, from the script that stores them: the JSON array of
     * the messages on the conversation's channel, and {@code {"type":"messages","conversationId":…,"messages":[…]}}
     * on the staff channel.
     */
    default RedisChannels redisChannels() {
        return null;
    }

    /** A conversation's channel is {@code conversationPrefix + id}; staff consoles hear everything on {@code staff}. */
    record RedisChannels(String conversationPrefix, String staff) {
        public String conversation(String conversationId) {
            return conversationPrefix + conversationId;
        }
    }

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
