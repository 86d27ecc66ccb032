package kr.daejeon.battery.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import kr.daejeon.battery.session.JsonCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON POSTs to a messenger platform: asynchronous (never on the event loop, never blocking other
 * conversations), with a timeout, bounded retries with backoff, and the platform's own "retry
 * after" on 429. A delivery that still fails is logged as an error, never dropped silently.
 */
public final class OutboundHttp {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundHttp.class);
    static final int ATTEMPTS = 4;
    private static final long MAX_WAIT_MS = 30_000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String platform;

    public OutboundHttp(String platform) {
        this.platform = platform;
    }

    /**
     * POSTs {@code body} as JSON. {@code retryAfterMs} reads the platform's wait from a 429 answer.
     * Completes with true when the platform accepted it.
     */
    public CompletableFuture<Boolean> post(URI url, Map<String, String> headers, Object body,
                                           ToLongFunction<JsonNode> retryAfterMs) {
        return attempt(url, headers, JsonCodec.write(body), retryAfterMs, 1);
    }

    private CompletableFuture<Boolean> attempt(URI url, Map<String, String> headers, String json,
                                               ToLongFunction<JsonNode> retryAfterMs, int n) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).handle((r, error) -> {
            if (error == null && r.statusCode() / 100 == 2) {
                return CompletableFuture.completedFuture(true);
            }
            if (error == null && r.statusCode() / 100 == 4 && r.statusCode() != 429) {
                LOG.error("{} rejected a delivery with {}; not retried", platform, r.statusCode());
                return CompletableFuture.completedFuture(false);
            }
            if (n >= ATTEMPTS) {
                LOG.error("{} delivery failed after {} attempts ({})", platform, n,
                        error != null ? error.getClass().getSimpleName() : "HTTP " + r.statusCode());
                return CompletableFuture.completedFuture(false);
            }
            long wait = 250L << n;
            if (error == null && r.statusCode() == 429) {
                try {
                    wait = Math.max(wait, retryAfterMs.applyAsLong(JsonCodec.MAPPER.readTree(r.body())));
                } catch (Exception ignored) {
                    // no usable hint: plain backoff
                }
            }
            LOG.warn("{} delivery attempt {} failed ({}); retrying in {} ms", platform, n,
                    error != null ? error.getClass().getSimpleName() : "HTTP " + r.statusCode(), Math.min(wait, MAX_WAIT_MS));
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(Math.min(wait, MAX_WAIT_MS), TimeUnit.MILLISECONDS))
                    .thenCompose(x -> attempt(url, headers, json, retryAfterMs, n + 1));
        }).thenCompose(f -> f);
    }
}
