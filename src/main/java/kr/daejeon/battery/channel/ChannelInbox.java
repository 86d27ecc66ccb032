package kr.daejeon.battery.channel;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import kr.daejeon.battery.api.Correlation;
import kr.daejeon.battery.api.ErrorMapper;
import kr.daejeon.battery.api.Handlers;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.LanguageDetector;

/**
 * The inbound half every messenger shares (Rasa's {@code InputChannel} handler, here one class): an
 * adapter verifies the platform's signature before it parses, parses the update into an {@link Inbound},
 * and formats what comes back; everything between is here, once:
 * <ul>
 *   <li>the hop off the event loop ({@link #answer}, {@link #offLoop}): a turn calls the store;</li>
 *   <li>conversation lookup or creation per messenger user, linked for one configured time;</li>
 *   <li>the inbound cut to the service's message limit (the platform's outbound limit is the adapter's);</li>
 *   <li>de-duplication: the platform's update/event id goes with the turn as its idempotency key, so it is
 *       marked processed in the same atomic step that stores the message, and a redelivery of a stored
 *       update gets the stored turn back ({@code replayed}) and is answered 200;</li>
 *   <li>the error tail: a busy or unreachable store answers 503 with Retry-After, so the platform retries
 *       and the retry is stored then (nothing was stored by the refused delivery).</li>
 * </ul>
 */
public final class ChannelInbox {

    private final Vertx vertx;
    private final ChatService chat;
    private final ChannelDirectory directory;
    private final Duration linkFor;
    private final int maxInboundChars;

    /**
     * @param linkFor         how long a messenger user stays linked to their conversation (the retention period)
     * @param maxInboundChars the longest message text a turn takes (the same limit as the web API)
     */
    public ChannelInbox(Vertx vertx, ChatService chat, ChannelDirectory directory, Duration linkFor, int maxInboundChars) {
        this.vertx = vertx;
        this.chat = chat;
        this.directory = directory;
        this.linkFor = linkFor;
        this.maxInboundChars = maxInboundChars;
    }

    /**
     * One message as a platform delivered it.
     *
     * @param channel      the adapter's name ({@code telegram}, {@code line}, {@code kakao})
     * @param platformUser the platform's id of the sender; only its hash is kept as a key
     * @param pushAddress  where later messages to this user go (a chat id), stored with a new conversation
     * @param deliveryId   the platform's update/event id, or null when it has none
     */
    public record Inbound(String channel, String platformUser, String pushAddress, String text, String deliveryId) {
    }

    /** What a stored (or replayed) turn gives the adapter to format. */
    public record Received(String conversationId, String userKey, ChatService.Turn turn) {
    }

    /** The directory key of a messenger user: the platform's id is never kept in clear. */
    public static String userKey(String channel, String platformUser) {
        return channel + ":" + Tokens.hash(platformUser);
    }

    /** The user's current conversation, if there is one (e.g. to record a button tap). Blocking. */
    public Optional<String> existing(String channel, String platformUser) {
        return directory.conversationFor(userKey(channel, platformUser)).filter(chat::exists);
    }

    /** Takes one message: finds or starts the user's conversation and stores the turn exactly once. Blocking. */
    public Received receive(Inbound in) {
        String key = userKey(in.channel(), in.platformUser());
        String id = directory.conversationFor(key).filter(chat::exists).orElseGet(() -> {
            String created = chat.startChannelConversation(LanguageDetector.detect(in.text(), Language.KO), in.channel(),
                    in.pushAddress());
            directory.link(key, created, linkFor);
            return created;
        });
        ChatService.Turn turn = chat.postFromChannel(id, TextSplitter.head(in.text(), maxInboundChars),
                in.deliveryId() == null ? null : in.channel() + ":" + in.deliveryId());
        return new Received(id, key, turn);
    }

    /**
     * Runs {@code work} off the event loop and answers the platform: 200 with {@code body(result)}, or the
     * shared error mapping (503 with Retry-After when the store is busy or unreachable).
     */
    public <T> void answer(RoutingContext ctx, Callable<T> work, Function<T, Object> body) {
        offLoop(ctx, work).onComplete(ar -> {
            if (ar.succeeded()) {
                Handlers.json(ctx, 200, body.apply(ar.result()));
            } else {
                ErrorMapper.fail(ctx, ar.cause());
            }
        });
    }

    /** {@code work} on a worker thread, with the request's correlation id in its log lines. */
    public <T> Future<T> offLoop(RoutingContext ctx, Callable<T> work) {
        return vertx.executeBlocking(Correlation.wrap(ctx, work), false);
    }

    /** The messages as a messenger shows them: the lines of one handoff in one bubble. */
    public static List<Message> forMessenger(List<Message> messages) {
        return HandoffBubble.join(messages);
    }

    /** How a message reads on a messenger: a staff member's name before their text. */
    public static String textOf(Message m) {
        return m.author() != null ? m.author() + ": " + m.text() : m.text();
    }
}
