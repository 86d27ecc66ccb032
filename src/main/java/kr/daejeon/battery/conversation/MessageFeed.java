package kr.daejeon.battery.conversation;

import java.util.List;

/** Announces newly stored messages to live listeners (SSE streams, staff consoles). */
public interface MessageFeed {

    void publish(String conversationId, List<Message> messages);
}
