package kr.daejeon.battery.conversation;

import java.util.List;
import kr.daejeon.battery.escalation.Ticket;

/** Announces newly stored messages and ticket changes to live listeners (SSE streams, staff consoles). */
public interface MessageFeed {

    void publish(String conversationId, List<Message> messages);

    void ticketChanged(Ticket ticket);
}
