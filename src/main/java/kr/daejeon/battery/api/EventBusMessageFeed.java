package kr.daejeon.battery.api;

import io.vertx.core.eventbus.EventBus;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.session.JsonCodec;

/** Delivers new messages to the SSE streams of this server process through the Vert.x event bus. */
public final class EventBusMessageFeed implements MessageFeed {

    private final EventBus bus;

    public EventBusMessageFeed(EventBus bus) {
        this.bus = bus;
    }

    public static String address(String conversationId) {
        return "conversation.messages." + conversationId;
    }

    @Override
    public void publish(String conversationId, List<Message> messages) {
        bus.publish(address(conversationId), JsonCodec.write(messages));
    }
}
