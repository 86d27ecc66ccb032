package kr.daejeon.battery.escalation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.outbox.Outbox;
import kr.daejeon.battery.channel.CircuitBreaker;
import kr.daejeon.battery.session.JsonCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells a team chat about new tickets through an incoming webhook (Slack-compatible
 * {@code {"text": …}}). Asynchronous, with a timeout and a few retries with the messengers' jittered
 * backoff; a dead webhook never delays a customer, and after {@link #BREAKER_THRESHOLD} failed calls in
 * a row a {@link CircuitBreaker} stops calling it for {@link #BREAKER_OPEN} (then one trial call), as
 * for the messenger platforms. The message carries no customer text or contact details, only what is needed
 * to go and look. The announcement is an {@link Outbox} job, so it is sent even if this node dies before it got
 * through (another node runs it).
 */
public final class TicketWebhook {

    private static final Logger LOG = LoggerFactory.getLogger(TicketWebhook.class);
    private static final int ATTEMPTS = 3;
    static final String KIND = "ticket-webhook";
    static final int BREAKER_THRESHOLD = 5;
    static final Duration BREAKER_OPEN = Duration.ofSeconds(30);

    private final URI url;
    private final String consoleUrl;
    private final Outbox outbox;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    private final CircuitBreaker breaker;

    public TicketWebhook(String url, String consoleUrl, Outbox outbox) {
        this(url, consoleUrl, outbox, new CircuitBreaker(BREAKER_THRESHOLD, BREAKER_OPEN, java.time.Clock.systemUTC()));
    }

    TicketWebhook(String url, String consoleUrl, Outbox outbox, CircuitBreaker breaker) {
        this.url = URI.create(url);
        this.consoleUrl = consoleUrl;
        this.outbox = outbox;
        this.breaker = breaker;
        outbox.handle(KIND, this::post);
    }

    /** Records the announcement of a new ticket; it is sent from the outbox. */
    public void ticketOpened(Ticket t) {
        String text = "새 상담 요청 / New ticket " + t.id() + " · " + t.channel() + " · " + t.language() + " · " + t.reason()
                + (consoleUrl == null || consoleUrl.isBlank() ? "" : " · " + consoleUrl);
        String body = JsonCodec.write(Map.of("text", text));
        try {
            outbox.add(KIND, body);
        } catch (RuntimeException e) {
            // The ticket is stored; the outbox is not reachable: send from here (lost only if this node dies too).
            LOG.warn("ticket webhook not recorded in the outbox ({}); sending directly", e.getMessage());
            post(body);
        }
    }

    /** Posts a body, with retries; true when the webhook took it. */
    CompletableFuture<Boolean> post(String body) {
        return send(body, 1);
    }

    private CompletableFuture<Boolean> send(String body, int attempt) {
        if (!breaker.allow()) {
            LOG.warn("ticket webhook not called: it failed {} times in a row, next try after {} s",
                    BREAKER_THRESHOLD, BREAKER_OPEN.toSeconds());
            return CompletableFuture.completedFuture(false);
        }
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(r -> r.statusCode() / 100 == 2)
                .exceptionally(e -> false)
                .thenApply(ok -> {
                    if (ok) {
                        breaker.success();
                    } else {
                        breaker.failure();
                    }
                    return ok;
                })
                .thenCompose(ok -> {
                    if (ok) {
                        return CompletableFuture.completedFuture(true);
                    }
                    if (attempt >= ATTEMPTS) {
                        LOG.warn("ticket webhook failed {} times; giving up", attempt);
                        return CompletableFuture.completedFuture(false);
                    }
                    // The messengers' backoff: exponential with jitter, so webhook retries after an outage spread out.
                    long wait = kr.daejeon.battery.channel.OutboundHttp.backoffMs(attempt,
                            java.util.concurrent.ThreadLocalRandom.current().nextDouble());
                    Executor later = CompletableFuture.delayedExecutor(wait, TimeUnit.MILLISECONDS);
                    return CompletableFuture.supplyAsync(() -> null, later).thenCompose(x -> send(body, attempt + 1));
                });
    }
}
