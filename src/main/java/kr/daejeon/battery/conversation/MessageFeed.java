package kr.daejeon.battery.conversation;

import java.util.List;
import kr.daejeon.battery.escalation.Ticket;

/** Announces newly stored messages and ticket changes to live listeners (SSE streams, staff consoles). */
public interface MessageFeed {

    void publish(String conversationId, List<Message> messages);

    void ticketChanged(Ticket ticket);

    /**
     * The Redis pub/sub channel this feed relays to its listeners, or null when it relays none. A Redis
     * store may then publish a turn's messages there itself, from the script that stores them, as
     * {@code {"type":"messages","conversationId":…,"messages":[…]}}.
     */
    default String redisChannel() {
        return null;
    }
}
