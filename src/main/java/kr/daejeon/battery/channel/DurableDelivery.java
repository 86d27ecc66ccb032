package kr.daejeon.battery.channel;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.outbox.Outbox;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushed messages (staff replies, "staff joined", "resolved", the satisfaction card) go through the {@link Outbox}:
 * {@link #deliver} records a job and returns; the job, run on any node, looks the conversation up again and hands
 * the messages to the channel's adapter. So a node that dies during a platform's retries does not lose the reply:
 * another node finishes it.
 */
public final class DurableDelivery implements ChannelDelivery {

    static final String KIND = "messenger-delivery";
    private static final Logger LOG = LoggerFactory.getLogger(DurableDelivery.class);

    record Job(String conversationId, List<Message> messages) { }

    private final Outbox outbox;
    private final ChannelDelivery adapters;

    public DurableDelivery(Outbox outbox, SessionStore conversations, ChannelDelivery adapters) {
        this.outbox = outbox;
        this.adapters = adapters;
        outbox.handle(KIND, payload -> {
            Job job = JsonCodec.read(payload, Job.class);
            Optional<ConversationState> c = conversations.find(job.conversationId());
            if (c.isEmpty()) {
                // Erased or expired since: nothing to deliver to, and nothing to keep.
                LOG.info("delivery for a conversation that no longer exists dropped");
                return CompletableFuture.completedFuture(false);
            }
            return adapters.deliver(c.get(), job.messages());
        });
    }

    @Override
    public CompletableFuture<Boolean> deliver(ConversationState conversation, List<Message> messages) {
        if (conversation.channelUser() == null || messages.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        try {
            outbox.add(KIND, JsonCodec.write(new Job(conversation.id(), messages)));
            return CompletableFuture.completedFuture(true);
        } catch (RuntimeException e) {
            // The messages are stored; the outbox is not reachable: deliver from here (lost only if this node dies too).
            LOG.warn("delivery for conversation={} not recorded in the outbox ({}); delivering directly", conversation.id(),
                    e.getMessage());
            return adapters.deliver(conversation, messages);
        }
    }
}
