package kr.daejeon.battery.api;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.function.Function;
import kr.daejeon.battery.conversation.MessageFeed;

/**
 * How a live stream (customer SSE, staff console) starts hearing: its event-bus consumer registered and
 * the feed listening for it ({@link MessageFeed#listen}; with several nodes that is a Redis subscription).
 * {@code ready} completes, on the caller's context, once both stand — or after {@link #WAIT_MS}, so a
 * stream never waits forever; a stream that then reads the store and fails ends, and its client reconnects.
 */
record LiveStart(MessageFeed.Listening listening, Future<Void> ready) {

    static final long WAIT_MS = 3000;

    static LiveStart of(Vertx vertx, MessageConsumer<?> consumer, Function<Runnable, MessageFeed.Listening> listen) {
        Context context = vertx.getOrCreateContext();
        Promise<Void> hearing = Promise.promise();
        MessageFeed.Listening listening = listen.apply(() -> context.runOnContext(v -> hearing.tryComplete()));
        long giveUp = vertx.setTimer(WAIT_MS, t -> hearing.tryComplete());
        Future<Void> ready = Future.all(consumer.completion(), hearing.future()).mapEmpty();
        ready.onComplete(v -> vertx.cancelTimer(giveUp));
        return new LiveStart(listening, ready);
    }
}
