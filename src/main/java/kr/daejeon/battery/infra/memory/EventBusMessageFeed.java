package kr.daejeon.battery.infra.memory;

import io.vertx.core.eventbus.EventBus;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.session.JsonCodec;

/**
 * Delivers new messages to the SSE streams of this server process through the Vert.x event bus:
 * per conversation for customers, and everything on {@link #STAFF_ADDRESS} for staff consoles.
 */
public final class EventBusMessageFeed implements MessageFeed {

    public static final String STAFF_ADDRESS = "staff.events";

    private final EventBus bus;

    public EventBusMessageFeed(EventBus bus) {
        this.bus = bus;
    }

    /** The event staff consoles get for new messages; also what nodes exchange on the staff channel. */
    public static String messagesEvent(String conversationId, String messagesJson) {
        return "{\"type\":\"messages\",\"conversationId\":" + JsonCodec.write(conversationId) + ",\"messages\":"
                + messagesJson + "}";
    }

    /** The event staff consoles get when a ticket changes; also the payload nodes exchange through Redis. */
    public static String ticketEvent(String ticketJson) {
        return "{\"type\":\"ticket\",\"ticket\":" + ticketJson + "}";
    }

    public static String address(String conversationId) {
        return "conversation.messages." + conversationId;
    }

    @Override
    public void publish(String conversationId, List<Message> messages) {
        deliverMessages(conversationId, JsonCodec.write(messages));
    }

    @Override
    public void ticketChanged(Ticket ticket) {
        deliverTicket(JsonCodec.write(ticket));
    }

    /** Local delivery of a JSON array of messages to the conversation's listeners and to staff consoles. */
    public void deliverMessages(String conversationId, String messagesJson) {
        deliverToConversation(conversationId, messagesJson);
        deliverToStaff(messagesEvent(conversationId, messagesJson));
    }

    /** A JSON array of one conversation's messages, to its listeners in this process. */
    public void deliverToConversation(String conversationId, String messagesJson) {
        bus.publish(address(conversationId), messagesJson);
    }

    /** A staff consoles' event (messages or ticket), to the consoles connected to this process. */
    public void deliverToStaff(String eventJson) {
        bus.publish(STAFF_ADDRESS, eventJson);
    }

    public void deliverTicket(String ticketJson) {
        deliverToStaff(ticketEvent(ticketJson));
    }
}
