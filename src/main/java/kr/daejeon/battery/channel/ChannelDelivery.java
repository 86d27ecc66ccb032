package kr.daejeon.battery.channel;

import java.util.List;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/**
 * Pushes messages that the customer did not ask for in the same request (staff replies, "staff
 * joined", "resolved") to the customer's messenger. The web channel needs nothing: its SSE stream
 * carries them.
 */
public interface ChannelDelivery {

    void deliver(ConversationState conversation, List<Message> messages);

    ChannelDelivery NONE = (conversation, messages) -> { };
}
