package kr.daejeon.battery.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connection hygiene against slow or hoarding clients (issue 20 #3). Idle connections are closed by the HTTP
 * server's idle timeout; this adds what that cannot see:
 * <ul>
 * <li>a read deadline: a connection must deliver a request's headers within {@code readTimeout} of opening (or of
 * its previous response), and the request's body within {@code readTimeout} of its headers — a client trickling a
 * byte now and then (slowloris) is cut off; a late body is answered {@code 408} in JSON;</li>
 * <li>at most {@code maxPerClient} open connections per client address: the connection beyond is answered
 * {@code 429} in JSON and closed. Connections from trusted proxies are not counted (every client behind a proxy
 * shares its address; the per-client request limits still apply).</li>
 * </ul>
 * Event streams are requests in progress and are not cut off; they keep the idle timeout away with their pings.
 */
public final class ConnectionGuard {

    private final Vertx vertx;
    private final long readTimeoutMs;
    private final int maxPerClient;
    private final Set<String> trustedProxies;
    private final Map<HttpConnection, Tracked> connections = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> perClient = new ConcurrentHashMap<>();

    private static final class Tracked {
        final String address;
        final boolean overLimit;
        long timer = -1;

        Tracked(String address, boolean overLimit) {
            this.address = address;
            this.overLimit = overLimit;
        }
    }

    public ConnectionGuard(Vertx vertx, Duration readTimeout, int maxPerClient, Set<String> trustedProxies) {
        this.vertx = vertx;
        this.readTimeoutMs = readTimeout.toMillis();
        this.maxPerClient = maxPerClient;
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    /** For {@code HttpServer.connectionHandler}: counts the connection and starts its header deadline. */
    public void opened(HttpConnection connection) {
        String address = connection.remoteAddress() == null ? "unknown" : connection.remoteAddress().host();
        boolean counted = !trustedProxies.contains(address);
        boolean over = false;
        if (counted) {
            int now = perClient.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
            over = now > maxPerClient;
        }
        Tracked t = new Tracked(counted ? address : null, over);
        connections.put(connection, t);
        awaitRequest(connection, t);
        connection.closeHandler(v -> {
            Tracked gone = connections.remove(connection);
            if (gone != null) {
                vertx.cancelTimer(gone.timer);
                if (gone.address != null) {
                    perClient.computeIfPresent(gone.address, (a, n) -> n.decrementAndGet() <= 0 ? null : n);
                }
            }
        });
    }

    /** The router's first handler: a request's headers arrived. */
    public void request(RoutingContext ctx) {
        HttpConnection connection = ctx.request().connection();
        Tracked t = connection == null ? null : connections.get(connection);
        if (t == null) {
            ctx.next();
            return;
        }
        vertx.cancelTimer(t.timer);
        t.timer = -1;
        if (t.overLimit) {
            ctx.response().putHeader("Connection", "close");
            ctx.addEndHandler(v -> connection.close());
            new ApiError(429, "too_many_connections", "Too many open connections from your address; close some and retry.", 5)
                    .send(ctx);
            return;
        }
        // Only a request that declares a body has one to wait for. A GET the router holds paused never reads as
        // ended, so without this an event stream (or any GET answered after the deadline) met the 408 timer: it
        // threw "Response head already sent" at ERROR on every stream, and a slow plain GET was answered 408.
        if (!ctx.request().isEnded() && declaresBody(ctx)) {
            long bodyTimer = vertx.setTimer(readTimeoutMs, id -> {
                if (!ctx.request().isEnded() && !ctx.response().headWritten()) {
                    ctx.response().putHeader("Connection", "close");
                    // Closed once the answer is written: closing right away could drop it on a busy machine.
                    ctx.response().endHandler(v -> connection.close());
                    new ApiError(408, "request_timeout", "The request body did not arrive in time.").send(ctx);
                }
            });
            ctx.addEndHandler(v -> vertx.cancelTimer(bodyTimer));
        }
        // Once answered, the next request's headers are due within the deadline again.
        ctx.addEndHandler(v -> {
            if (connections.get(connection) == t) {
                awaitRequest(connection, t);
            }
        });
        ctx.next();
    }

    /** HTTP/1.1: a request has a body only with {@code Transfer-Encoding} or a {@code Content-Length} above 0. */
    static boolean declaresBody(RoutingContext ctx) {
        if (ctx.request().version() == io.vertx.core.http.HttpVersion.HTTP_2) {
            // No Content-Length is needed there: anything but a GET or HEAD may carry one.
            return ctx.request().method() != io.vertx.core.http.HttpMethod.GET
                    && ctx.request().method() != io.vertx.core.http.HttpMethod.HEAD;
        }
        if (ctx.request().headers().contains("Transfer-Encoding")) {
            return true;
        }
        String length = ctx.request().getHeader("Content-Length");
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > 0;
        } catch (NumberFormatException e) {
            return true; // let the deadline deal with whatever this is
        }
    }

    private void awaitRequest(HttpConnection connection, Tracked t) {
        vertx.cancelTimer(t.timer);
        t.timer = vertx.setTimer(readTimeoutMs, id -> connection.close());
    }

    /** Open connections per client address now (for tests and metrics). */
    public int openFrom(String address) {
        AtomicInteger n = perClient.get(address);
        return n == null ? 0 : n.get();
    }
}
