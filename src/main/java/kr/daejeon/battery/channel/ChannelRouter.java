package kr.daejeon.battery.channel;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/** Sends pushed messages through the adapter of the conversation's channel. */
public final class ChannelRouter implements ChannelDelivery {

    private final Map<String, ChannelDelivery> byChannel;

    public ChannelRouter(Map<String, ChannelDelivery> byChannel) {
        this.byChannel = Map.copyOf(byChannel);
    }

    @Override
    public CompletableFuture<Boolean> deliver(ConversationState conversation, List<Message> messages) {
        ChannelDelivery d = byChannel.get(conversation.channel());
        if (d != null && conversation.channelUser() != null && !messages.isEmpty()) {
            return d.deliver(conversation, messages);
        }
        return CompletableFuture.completedFuture(true);
    }
}
