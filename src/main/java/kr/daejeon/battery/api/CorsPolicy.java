package kr.daejeon.battery.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Set;

/**
 * Lets the website widget call the API only from configured origins (plus the server's own pages).
 * Preflights from other origins are refused, and without CORS headers browsers do not let other
 * pages read responses.
 */
public final class CorsPolicy {

    private final Set<String> allowed;

    public CorsPolicy(Set<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
    }

    public void handle(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS;
        if (!isAllowed(ctx, origin)) {
            if (preflight) {
                new ApiError(403, "origin_not_allowed", "This origin may not use the chat API.").send(ctx);
            } else {
                ctx.next();
            }
            return;
        }
        ctx.response().putHeader("Access-Control-Allow-Origin", origin).putHeader("Vary", "Origin");
        if (preflight) {
            ctx.response().putHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE")
                    .putHeader("Access-Control-Allow-Headers", "Authorization, Content-Type, Last-Event-ID, Idempotency-Key")
                    .putHeader("Access-Control-Max-Age", "600")
                    .setStatusCode(204).end();
            return;
        }
        // The widget reads Retry-After to retry a 503 with the same Idempotency-Key.
        ctx.response().putHeader("Access-Control-Expose-Headers", "Retry-After, X-Request-Id");
        ctx.next();
    }

    private boolean isAllowed(RoutingContext ctx, String origin) {
        String o = origin.toLowerCase(Locale.ROOT);
        String host = ctx.request().getHeader("Host");
        String own = (ctx.request().isSSL() ? "https://" : "http://") + (host == null ? "" : host.toLowerCase(Locale.ROOT));
        return o.equals(own) || allowed.contains(o);
    }
}
