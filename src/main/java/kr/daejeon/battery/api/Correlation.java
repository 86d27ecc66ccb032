package kr.daejeon.battery.api;

import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import kr.daejeon.battery.conversation.Tokens;
import org.slf4j.MDC;

/**
 * A request id for every request (the caller's {@code X-Request-Id} when it is sane, else a new
 * one), echoed in the response and put in the logging MDC, with the conversation id, wherever the
 * request's work runs. Work hops from the event loop to worker threads, so the MDC is set around
 * each piece of work rather than once per request.
 */
public final class Correlation {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "requestId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{8,64}");

    private Correlation() {
    }

    /** Router handler: assigns the id and echoes it. */
    public static void assign(RoutingContext ctx) {
        String given = ctx.request().getHeader(HEADER);
        String id = given != null && SANE.matcher(given).matches() ? given : Tokens.random(12);
        ctx.put(KEY, id);
        ctx.response().putHeader(HEADER, id);
        ctx.next();
    }

    /** {@code work} with the request's ids in the MDC while it runs (on whatever thread). */
    public static <T> Callable<T> wrap(RoutingContext ctx, Callable<T> work) {
        String requestId = ctx.get(KEY);
        String conversationId = ctx.pathParam("id");
        boolean conversation = ctx.request().path().startsWith("/api/");
        return () -> {
            put(requestId, conversation ? conversationId : null);
            try {
                return work.call();
            } finally {
                MDC.clear();
            }
        };
    }

    /** Runs a logging statement on the current thread with the request's ids in the MDC. */
    public static void run(RoutingContext ctx, Runnable log) {
        put(ctx.get(KEY), ctx.request().path().startsWith("/api/") ? ctx.pathParam("id") : null);
        try {
            log.run();
        } finally {
            MDC.clear();
        }
    }

    private static void put(String requestId, String conversationId) {
        if (requestId != null) {
            MDC.put(KEY, requestId);
        }
        if (conversationId != null) {
            MDC.put("conversationId", conversationId.length() > 64 ? conversationId.substring(0, 64) : conversationId);
        }
    }
}
