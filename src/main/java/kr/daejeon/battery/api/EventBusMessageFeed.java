package kr.daejeon.battery.api;

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

    /** How a staff console's event about new messages begins, and what comes between the id and the array. */
    static final String MESSAGES_EVENT_PREFIX = "{\"type\":\"messages\",\"conversationId\":";
    static final String MESSAGES_EVENT_MIDDLE = ",\"messages\":";

    /** The event staff consoles get for new messages; also the payload nodes exchange through Redis. */
    static String messagesEvent(String conversationId, String messagesJson) {
        return MESSAGES_EVENT_PREFIX + JsonCodec.write(conversationId) + MESSAGES_EVENT_MIDDLE + messagesJson + "}";
    }

    /** The event staff consoles get when a ticket changes; also the payload nodes exchange through Redis. */
    static String ticketEvent(String ticketJson) {
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

    /** Local delivery of a JSON array of messages (also used for messages that arrive from other nodes). */
    public void deliverMessages(String conversationId, String messagesJson) {
        deliverMessages(conversationId, messagesJson, messagesEvent(conversationId, messagesJson));
    }

    /** The same, with the staff consoles' event already written (as it arrives from other nodes). */
    void deliverMessages(String conversationId, String messagesJson, String staffEventJson) {
        bus.publish(address(conversationId), messagesJson);
        bus.publish(STAFF_ADDRESS, staffEventJson);
    }

    public void deliverTicket(String ticketJson) {
        bus.publish(STAFF_ADDRESS, ticketEvent(ticketJson));
    }
}
