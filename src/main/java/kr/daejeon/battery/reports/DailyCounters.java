package kr.daejeon.battery.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import kr.daejeon.battery.metrics.ServiceMetrics;

/**
 * Conversations and turns per day (service time zone), by channel and intent, for the reports. The turn
 * path only adds to a counter in memory; on a shared backend the counts are flushed every few seconds to the
 * {@link DailyCountStore} (Redis: kept {@link #RETENTION}), so they survive restarts and add up over all nodes.
 * A read adds this node's not yet flushed counts. In memory mode the counts live and die with the process.
 */
public final class DailyCounters implements ServiceMetrics.Listener, AutoCloseable {

    public static final Duration RETENTION = Duration.ofDays(400);
    static final String CONVERSATIONS = "conversations";
    static final String TURNS = "turns";
    static final String RATED_DOWN = "rated_down";
    static final String FIRST_RESPONSES = "first_responses";
    static final String FIRST_RESPONSE_SECONDS = "first_response_seconds";
    static final String RESOLUTIONS = "resolutions";
    static final String RESOLUTION_SECONDS = "resolution_seconds";
    static final String CSAT_RATINGS = "csat_ratings";
    static final String CSAT_POINTS = "csat_points";

    private final DailyCountStore store;
    private final Clock clock;
    private final ZoneId zone;
    /** "date|metric|channel|intent" -> count not yet flushed (all counts in memory mode). */
    private final Map<String, LongAdder> pending = new ConcurrentHashMap<>();

    public DailyCounters(DailyCountStore store, Clock clock, ZoneId zone) {
        this.store = store;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public void conversationStarted(String channel) {
        add(CONVERSATIONS, channel, "-");
    }

    @Override
    public void turn(String channel, String intent) {
        add(TURNS, channel, intent == null ? "-" : intent);
    }

    @Override
    public void answerRated(String channel, String rating) {
        if ("down".equals(rating)) {
            add(RATED_DOWN, channel, "-");
        }
    }

    // Times are kept as a count and a sum of seconds per day: averages add up over nodes and days, medians would not.
    @Override
    public void firstResponse(String channel, Duration after) {
        add(FIRST_RESPONSES, channel, "-");
        add(FIRST_RESPONSE_SECONDS, channel, "-", Math.max(0, after.toSeconds()));
    }

    @Override
    public void resolved(String channel, Duration after) {
        add(RESOLUTIONS, channel, "-");
        add(RESOLUTION_SECONDS, channel, "-", Math.max(0, after.toSeconds()));
    }

    /** A rating counts in the count, the points and its own score ({@code intent} holds the score, 1-5). */
    @Override
    public void satisfaction(String channel, int score) {
        add(CSAT_RATINGS, channel, Integer.toString(score));
        add(CSAT_POINTS, channel, "-", score);
    }

    private void add(String metric, String channel, String intent) {
        add(metric, channel, intent, 1);
    }

    private void add(String metric, String channel, String intent, long n) {
        String key = LocalDate.ofInstant(clock.instant(), zone) + "|" + metric + "|" + channel + "|" + intent;
        pending.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    /** Writes the pending counts to the store (blocking with Redis; a worker thread's job). */
    public void flush() {
        if (pending.isEmpty()) {
            return;
        }
        Map<String, Long> taken = new HashMap<>();
        for (Map.Entry<String, LongAdder> e : pending.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n != 0) {
                taken.put(e.getKey(), n);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            store.add(taken);
        } catch (RuntimeException e) {
            // Redis away: keep the counts for the next flush rather than lose them.
            taken.forEach((k, n) -> pending.computeIfAbsent(k, x -> new LongAdder()).add(n));
            throw e;
        }
    }

    /** One counter: how many of {@code metric} on {@code day} in {@code channel} with {@code intent}. */
    public record Count(LocalDate day, String metric, String channel, String intent, long n) {
    }

    /** Every count of the days {@code from}..{@code to} (inclusive). Blocking with Redis. */
    public List<Count> read(LocalDate from, LocalDate to) {
        Map<String, Long> all = new HashMap<>(store.read(from.datesUntil(to.plusDays(1)).toList()));
        pending.forEach((k, n) -> all.merge(k, n.sum(), Long::sum));
        return all.entrySet().stream().map(e -> {
            String[] p = e.getKey().split("\\|", 4);
            return new Count(LocalDate.parse(p[0]), p[1], p[2], p[3], e.getValue());
        }).filter(c -> !c.day().isBefore(from) && !c.day().isAfter(to) && c.n() != 0).toList();
    }

    @Override
    public void close() {
        try {
            flush();
        } catch (RuntimeException e) {
            // shutting down without the store: these few seconds of counts are lost, nothing else is
        }
    }
}
