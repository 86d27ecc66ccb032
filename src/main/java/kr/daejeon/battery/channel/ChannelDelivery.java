package kr.daejeon.battery.channel;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/**
 * Pushes messages that the customer did not ask for in the same request (staff replies, "staff
 * joined", "resolved") to the customer's messenger. The web channel needs nothing: its SSE stream
 * carries them. The future completes when the platform accepted the messages (true) or the delivery was given
 * up and recorded as a dead letter (false), so a durable outbox knows when the job is finished.
 */
public interface ChannelDelivery {

    CompletableFuture<Boolean> deliver(ConversationState conversation, List<Message> messages);

    ChannelDelivery NONE = (conversation, messages) -> CompletableFuture.completedFuture(true);
}
