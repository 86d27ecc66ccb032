package kr.daejeon.battery.api;

import io.netty.handler.codec.TooLongFrameException;
import io.vertx.core.VertxException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import kr.daejeon.battery.Refusal;
import kr.daejeon.battery.conversation.ConversationNotFoundException;
import kr.daejeon.battery.conversation.InvalidTokenException;
import kr.daejeon.battery.session.StoreBusyException;
import kr.daejeon.battery.session.StoreFullException;
import kr.daejeon.battery.session.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes an HTTP answer, {@code {"error":{"code","message"}}}: typed domain refusals by
 * their {@link Refusal.Reason}, the store's failures as 503 with a retry hint, a client that went away as nothing
 * at all (logged at DEBUG: it is no fault of ours), and anything else as a 500 logged at ERROR with its stack
 * trace — including a stray {@link IllegalArgumentException}, which is a bug, not the client's fault.
 */
public final class ErrorMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    /** The answer for {@code t}. Logs what needs logging (the 500s, the store's trouble). */
    public static ApiError map(RoutingContext ctx, Throwable t) {
        if (t instanceof ApiError e) {
            return e;
        }
        if (t instanceof Refusal r) {
            return new ApiError(status(r.reason()), r.code(), r.getMessage());
        }
        if (t instanceof ConversationNotFoundException) {
            return new ApiError(404, "conversation_not_found", "No such conversation (it may have expired).");
        }
        if (t instanceof kr.daejeon.battery.conversation.ConsentRequiredException) {
            return new ApiError(400, "consent_required", "Contact details are stored only with consent to the privacy "
                    + "notice: send \"consent\" with the message, or leave them out.");
        }
        if (t instanceof InvalidTokenException) {
            return new ApiError(401, "invalid_token", "Missing or wrong conversation token (Authorization: Bearer …).");
        }
        if (t instanceof kr.daejeon.battery.session.ReplicaAckTimeoutException) {
            // Before StoreUnavailableException, its parent: the turn is stored on the master, a retry finds it.
            LOG.warn("turn not confirmed by Redis replicas: {}", t.getMessage());
            return new ApiError(503, "store_unconfirmed",
                    "The message could not be confirmed yet; retry with the same Idempotency-Key (it is never stored twice).", 2);
        }
        if (t instanceof StoreUnavailableException) {
            LOG.warn("store unavailable: {}", t.getMessage());
            return new ApiError(503, "store_unavailable", "The service is temporarily unavailable; please retry.", 5);
        }
        if (t instanceof StoreFullException) {
            LOG.warn("store full: {}", t.getMessage());
            return new ApiError(503, "store_full", "The service is at capacity; please retry later.", 60);
        }
        if (t instanceof StoreBusyException) {
            return new ApiError(503, "conversation_busy", "This conversation is busy; please retry.", 1);
        }
        if (t instanceof TooLongFrameException) {
            return new ApiError(413, "body_too_large", "The request is too large.");
        }
        if (t != null && t.getClass().getName().startsWith("io.netty.handler.codec")) {
            // The request itself could not be decoded: the client's fault, not ours.
            return new ApiError(400, "bad_request", "The request could not be read.");
        }
        Correlation.run(ctx, () -> LOG.error("unexpected error on {} {}", ctx.request().method(), ctx.request().path(), t));
        return new ApiError(500, "internal_error", "Something went wrong on our side.");
    }

    /** Answers {@code ctx} with the error for {@code t}, or, when the client has gone, only notes it. */
    public static void fail(RoutingContext ctx, Throwable t) {
        if (clientGone(ctx, t)) {
            Correlation.run(ctx, () -> LOG.debug("client went away during {} {}: {}", ctx.request().method(), ctx.request().path(),
                    t == null ? "closed" : t.toString()));
            return;
        }
        map(ctx, t).send(ctx);
    }

    public static int status(Refusal.Reason reason) {
        return switch (reason) {
            case INVALID -> 400;
            case NOT_ALLOWED -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case UNPROCESSABLE -> 422;
        };
    }

    /** A connection reset or closed by the client: there is nobody to answer. */
    static boolean clientGone(RoutingContext ctx, Throwable t) {
        if (ctx.response().closed()) {
            return true;
        }
        if (t instanceof HttpClosedException || t instanceof IOException) {
            return true;
        }
        return t instanceof VertxException && t.getMessage() != null && t.getMessage().contains("Connection was closed");
    }
}
