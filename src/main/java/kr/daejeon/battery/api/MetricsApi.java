package kr.daejeon.battery.api;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import kr.daejeon.battery.metrics.ServiceMetrics;

/**
 * {@code GET /metrics} in the Prometheus text format. Metrics reveal traffic and load, so they are
 * not public: with a configured token a scraper presents it as a bearer token; without one only
 * direct requests from this machine are answered (a reverse proxy adds {@code X-Forwarded-For},
 * so requests through it are refused).
 */
public final class MetricsApi {

    private final Vertx vertx;
    private final ServiceMetrics metrics;
    private final byte[] token;

    public MetricsApi(Vertx vertx, ServiceMetrics metrics, String token) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    public void mount(Router router) {
        router.get("/metrics").handler(this::scrape);
    }

    private void scrape(RoutingContext ctx) {
        if (!allowed(ctx.request())) {
            new ApiError(401, "unauthorized", token == null ? "Metrics are served only to this machine."
                    : "Present the metrics token (Authorization: Bearer …).").send(ctx);
            return;
        }
        // Gauges may read the store: scrape off the event loop.
        vertx.executeBlocking(metrics::scrape, false).onComplete(ar -> {
            if (ar.failed()) {
                ErrorMapper.fail(ctx, ar.cause());
                return;
            }
            ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                    .putHeader("Cache-Control", "no-store").end(ar.result());
        });
    }

    private boolean allowed(HttpServerRequest request) {
        if (token != null) {
            String presented = ChatApi.bearer(request);
            return presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), token);
        }
        return request.getHeader("X-Forwarded-For") == null && request.getHeader("Forwarded") == null
                && request.remoteAddress() != null && isLoopback(request.remoteAddress().host());
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("0:0:0:0:0:0:0:1") || host.equals("::1");
    }
}
