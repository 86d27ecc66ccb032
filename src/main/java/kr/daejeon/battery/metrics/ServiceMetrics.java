package kr.daejeon.battery.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The service's own meters (turns, intents, handoffs, deliveries, store errors), in the same
 * Prometheus registry as Vert.x's HTTP and worker-pool meters. Tag values come from closed sets
 * (channels, languages, intent ids), never from user input, so the series count stays bounded.
 */
public final class ServiceMetrics {

    private static final Duration[] LATENCY_SLOS = {Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5)};
    private static final Duration[] WAIT_SLOS = {Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter storeErrors;

    public ServiceMetrics() {
        storeErrors = Counter.builder("chat_store_errors").description("Redis calls that failed or timed out")
                .register(registry);
    }

    /** Told of every conversation started and every turn (the daily report counters listen). */
    public interface Listener {
        void conversationStarted(String channel);

        void turn(String channel, String intent);

        /** An answer rated "up" or "down" (a changed rating counts again). */
        default void answerRated(String channel, String rating) {
        }

        /** A ticket's first staff reply, {@code after} its opening. */
        default void firstResponse(String channel, Duration after) {
        }

        /** A ticket resolved, {@code after} its opening. */
        default void resolved(String channel, Duration after) {
        }

        /** A customer's satisfaction rating (1-5) of a resolved ticket. */
        default void satisfaction(String channel, int score) {
        }
    }

    private final java.util.List<Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. May call gauges that read the store: not on the event loop. */
    public String scrape() {
        return registry.scrape();
    }

    /** One answered user message. {@code intent} is the final intent (fallback when not understood). */
    public void turn(String channel, String language, String intent, boolean handoffOpened, Duration took) {
        Counter.builder("chat_turns").description("User messages answered, by channel, language and intent")
                .tags("channel", channel, "language", language, "intent", intent).register(registry).increment();
        if ("fallback".equals(intent)) {
            Counter.builder("chat_fallbacks").description("Turns not answerable from the FAQ")
                    .tags("channel", channel, "language", language).register(registry).increment();
        }
        if (handoffOpened) {
            Counter.builder("chat_handoffs").description("Conversations handed to staff (tickets opened)")
                    .tags("channel", channel, "language", language).register(registry).increment();
        }
        Timer.builder("chat_turn_duration").description("Time to classify, answer and store one turn")
                .tags("channel", channel).serviceLevelObjectives(LATENCY_SLOS).register(registry).record(took);
        for (Listener l : listeners) {
            l.turn(channel, intent);
        }
    }

    /** A customer's "Was it helpful?" on an answer (a changed rating counts again; a repeated one does not). */
    public void answerFeedback(String rating, String intent) {
        Counter.builder("assistant_answer_feedback").description("Answers rated by customers, by rating and intent")
                .tags("rating", rating, "intent", intent).register(registry).increment();
    }

    /** The same with the channel, for the office's daily reports. */
    public void answerFeedback(String channel, String rating, String intent) {
        answerFeedback(rating, intent);
        for (Listener l : listeners) {
            l.answerRated(channel, rating);
        }
    }

    /** The first staff reply on a ticket. */
    public void handoffFirstResponse(String channel, Duration after) {
        Timer.builder("chat_handoff_first_response").description("Time from ticket opened to the first staff reply")
                .tags("channel", channel).serviceLevelObjectives(WAIT_SLOS).register(registry).record(after);
        for (Listener l : listeners) {
            l.firstResponse(channel, after);
        }
    }

    /** A ticket resolved by staff. */
    public void handoffResolved(String channel, Duration after) {
        Timer.builder("chat_handoff_resolution").description("Time from ticket opened to resolved")
                .tags("channel", channel).register(registry).record(after);
        for (Listener l : listeners) {
            l.resolved(channel, after);
        }
    }

    /** A customer's satisfaction rating (CSAT, 1-5) of a resolved ticket. */
    public void satisfaction(String channel, int score) {
        Counter.builder("chat_satisfaction_ratings").description("Satisfaction ratings of resolved tickets, by score")
                .tags("channel", channel, "score", Integer.toString(score)).register(registry).increment();
        for (Listener l : listeners) {
            l.satisfaction(channel, score);
        }
    }

    public void conversationStarted(String channel) {
        Counter.builder("chat_conversations_started").description("New conversations, by channel").tags("channel", channel)
                .register(registry).increment();
        for (Listener l : listeners) {
            l.conversationStarted(channel);
        }
    }

    /** How long a ticket waited before a staff member took it. */
    public void handoffClaimed(String channel, Duration waited) {
        Timer.builder("chat_handoff_wait").description("Time from ticket opened to claimed by staff")
                .tags("channel", channel).serviceLevelObjectives(WAIT_SLOS).register(registry).record(waited);
    }

    /** {@code outcome}: delivered, retried, rejected (4xx) or failed (given up after retries). */
    public void delivery(String channel, String outcome) {
        Counter.builder("channel_deliveries").description("Outbound messenger API calls by outcome")
                .tags("channel", channel, "outcome", outcome).register(registry).increment();
    }

    public void rateLimited(String scope) {
        Counter.builder("http_rate_limited").description("Requests refused with 429").tags("scope", scope)
                .register(registry).increment();
    }

    public void storeError() {
        storeErrors.increment();
    }

    /**
     * A gauge read at scrape time; {@code value} returns NaN when it cannot be known (store down).
     * {@code tags} alternate names and values.
     */
    public void gauge(String name, String description, java.util.List<String> tags, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).tags(tags.toArray(String[]::new)).strongReference(true)
                .register(registry);
    }
}
