package kr.daejeon.battery.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import java.util.function.ToLongFunction;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.session.JsonCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON POSTs to a messenger platform: asynchronous (never on the event loop, never blocking other
 * conversations), with a timeout, bounded retries with jittered exponential backoff (so deliveries
 * that failed together do not retry together), the platform's own "retry after" on 429, a
 * {@link CircuitBreaker} per platform, and a bound on calls in flight so a dead platform cannot pile
 * up work. A 409 to a call that carries a retry key (LINE's {@code X-Line-Retry-Key}) means an
 * earlier attempt was already accepted: delivered, not failed. A delivery that still fails becomes
 * a {@link DeadLetter} staff can see.
 */
public final class OutboundHttp {

    private static final Logger LOG = LoggerFactory.getLogger(OutboundHttp.class);
    static final int ATTEMPTS = 4;
    static final int MAX_IN_FLIGHT = 500;
    private static final long MAX_WAIT_MS = 30_000;
    private static final int MAX_TEXT = 4000;
    static final String RETRY_KEY = "X-Line-Retry-Key";
    /** Failed attempts in a row (errors, timeouts, 5xx) that open the breaker, and how long it stays open. */
    static final int BREAKER_THRESHOLD = 8;
    static final Duration BREAKER_OPEN = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String platform;
    private final ServiceMetrics metrics;
    private final DeadLetterLog deadLetters;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CircuitBreaker breaker;
    private final DoubleSupplier random;

    public OutboundHttp(String platform, ServiceMetrics metrics, DeadLetterLog deadLetters) {
        this(platform, metrics, deadLetters, new CircuitBreaker(BREAKER_THRESHOLD, BREAKER_OPEN, Clock.systemUTC()),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    OutboundHttp(String platform, ServiceMetrics metrics, DeadLetterLog deadLetters, CircuitBreaker breaker, DoubleSupplier random) {
        this.platform = platform;
        this.metrics = metrics;
        this.deadLetters = deadLetters;
        this.breaker = breaker;
        this.random = random;
        metrics.gauge("channel_outbound_in_flight", "Messenger deliveries in progress (including waits between retries)",
                java.util.List.of("channel", platform), inFlight::get);
        metrics.gauge("channel_outbound_circuit_open", "1 while deliveries to the platform are refused after repeated failures",
                java.util.List.of("channel", platform), () -> breaker.state() == CircuitBreaker.State.OPEN ? 1 : 0);
    }

    /**
     * The wait before attempt {@code n + 1}: exponential (500 ms, 1 s, 2 s, ...) with "equal jitter",
     * uniformly between half and all of it, so the wait still grows but simultaneous failures spread out.
     */
    public static long backoffMs(int n, double random) {
        long base = 250L << n;
        return base / 2 + (long) (random * (base / 2));
    }

    /** One call: where it goes, what it is for (for the dead-letter record), and what it carries. */
    public record Call(URI url, String conversationId, String operation, Map<String, String> headers, Object body) {
    }

    /**
     * POSTs the call's body as JSON. {@code retryAfterMs} reads the platform's wait from a 429 answer.
     * Completes with true when the platform accepted it.
     */
    public CompletableFuture<Boolean> post(Call call, ToLongFunction<JsonNode> retryAfterMs) {
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT) {
            inFlight.decrementAndGet();
            giveUp(call, "too many deliveries in progress (" + MAX_IN_FLIGHT + ")", 0, "dropped");
            return CompletableFuture.completedFuture(false);
        }
        return attempt(call, JsonCodec.write(call.body()), retryAfterMs, 1)
                .whenComplete((ok, e) -> inFlight.decrementAndGet());
    }

    private CompletableFuture<Boolean> attempt(Call call, String json, ToLongFunction<JsonNode> retryAfterMs, int n) {
        if (!breaker.allow()) {
            giveUp(call, "circuit open: " + platform + " failed repeatedly; not called for up to "
                    + BREAKER_OPEN.toSeconds() + " s", n - 1, "circuit_open");
            return CompletableFuture.completedFuture(false);
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(call.url()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        call.headers().forEach(b::header);
        return http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).handle((r, error) -> {
            if (error == null && (r.statusCode() / 100 == 2 || alreadyAccepted(call, r.statusCode()))) {
                breaker.success();
                metrics.delivery(platform, "delivered");
                return CompletableFuture.completedFuture(true);
            }
            String what = error != null ? error.getClass().getSimpleName() : "HTTP " + r.statusCode();
            if (error == null && r.statusCode() / 100 == 4) {
                // The platform answered: it is up, whatever it thought of this call.
                breaker.success();
                if (r.statusCode() != 429) {
                    giveUp(call, "rejected: " + what, n, "rejected");
                    return CompletableFuture.completedFuture(false);
                }
            } else {
                breaker.failure();
            }
            if (n >= ATTEMPTS) {
                giveUp(call, "failed after " + n + " attempts: " + what, n, "failed");
                return CompletableFuture.completedFuture(false);
            }
            metrics.delivery(platform, "retried");
            long wait = backoffMs(n, random.getAsDouble());
            if (error == null && r.statusCode() == 429) {
                try {
                    wait = Math.max(wait, retryAfterMs.applyAsLong(JsonCodec.MAPPER.readTree(r.body())));
                } catch (Exception ignored) {
                    // no usable hint: plain backoff
                }
            }
            LOG.warn("{} {} attempt {} failed ({}); retrying in {} ms", platform, call.operation(), n, what,
                    Math.min(wait, MAX_WAIT_MS));
            return CompletableFuture.supplyAsync(() -> null,
                            CompletableFuture.delayedExecutor(Math.min(wait, MAX_WAIT_MS), TimeUnit.MILLISECONDS))
                    .thenCompose(x -> attempt(call, json, retryAfterMs, n + 1));
        }).thenCompose(f -> f);
    }

    /** LINE answers 409 to a retry whose key it has already accepted: the message went out. */
    private static boolean alreadyAccepted(Call call, int status) {
        return status == 409 && call.headers().keySet().stream().anyMatch(RETRY_KEY::equalsIgnoreCase);
    }

    private void giveUp(Call call, String reason, int attempts, String outcome) {
        metrics.delivery(platform, outcome);
        LOG.error("{} {} for conversation={} not delivered: {}", platform, call.operation(), call.conversationId(), reason);
        DeadLetter letter = new DeadLetter(Tokens.random(9), platform, call.conversationId(), call.operation(),
                texts(call.body()), reason, attempts, Instant.now());
        CompletableFuture.runAsync(() -> {
            try {
                deadLetters.add(letter);
            } catch (RuntimeException e) {
                LOG.error("dead letter {} could not be recorded: {}", letter.id(), e.getMessage());
            }
        });
    }

    /** The human-readable texts of a platform payload (every {@code text} field), without ids or tokens. */
    static String texts(Object body) {
        List<String> found = new ArrayList<>();
        collect(JsonCodec.MAPPER.valueToTree(body), found);
        String joined = String.join("\n", found);
        return joined.length() > MAX_TEXT ? joined.substring(0, MAX_TEXT) + "…" : joined;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> {
                if (e.getKey().equals("text") && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(n -> collect(n, out));
        }
    }
}
