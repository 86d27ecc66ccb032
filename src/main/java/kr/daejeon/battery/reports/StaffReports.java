package kr.daejeon.battery.reports;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.escalation.TicketStatus;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.learning.UnansweredQuestion;

/**
 * The office's report per day or week, from what the service keeps anyway: conversations and turns
 * (by channel and intent) from {@link DailyCounters}; handoffs, resolved tickets and the median wait
 * for a staff member from the tickets (opened in the range; resolved ones counted on the day they were
 * resolved); unanswered questions from the recent log (its newest 5,000). Blocking: worker threads.
 */
public final class StaffReports {

    public static final int MAX_DAYS = 366;
    static final int TICKET_LIMIT = 50_000;
    static final String FALLBACK = "fallback";

    /**
     * One row: a day ({@code period} = its date) or a week (its Monday).
     *
     * @param contained         conversations that never reached staff (answered without staff)
     * @param fallbacks         turns the assistant could not answer
     * @param ratedDown         answers rated 👎
     * @param avgFirstResponseSeconds average time from a ticket's opening to the first staff reply; null without one
     * @param avgResolutionSeconds    average time from a ticket's opening to resolved; null without one
     * @param satisfactionRatings     how many resolved tickets customers rated (1-5)
     * @param satisfactionAverage     their average score, one decimal; null without ratings
     * @param satisfactionScores      how many of each score, "1".."5"
     */
    public record Row(String period, String start, String end, long conversations, long turns, long handoffs, long resolved,
                      Long medianWaitSeconds, long unanswered, Map<String, Long> byChannel, Map<String, Long> byIntent,
                      long contained, long fallbacks, long ratedDown, Long avgFirstResponseSeconds, Long avgResolutionSeconds,
                      long satisfactionRatings, Double satisfactionAverage, Map<String, Long> satisfactionScores) {
    }

    /** An entry of a top list: an intent or an unanswered question (an example of a group of similar ones). */
    public record Top(String label, long count) {
    }

    public record Report(String from, String to, String by, List<Row> periods, Row totals, List<Top> topIntents,
                         List<Top> topUnanswered) {
    }

    static final int TOP = 10;

    private final DailyCounters counters;
    private final TicketStore tickets;
    private final UnansweredLog unanswered;
    private final ZoneId zone;

    public StaffReports(DailyCounters counters, TicketStore tickets, UnansweredLog unanswered, ZoneId zone) {
        this.counters = counters;
        this.tickets = tickets;
        this.unanswered = unanswered;
        this.zone = zone;
    }

    public Report build(LocalDate from, LocalDate to, boolean weekly) {
        if (from.isAfter(to)) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_query", "'from' is after 'to'");
        }
        if (from.plusDays(MAX_DAYS).isBefore(to)) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_query", "at most " + MAX_DAYS + " days per report");
        }
        Map<LocalDate, Acc> rows = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            rows.computeIfAbsent(periodOf(d, weekly), k -> new Acc());
        }
        Acc total = new Acc();
        for (DailyCounters.Count c : counters.read(from, to)) {
            for (Acc a : List.of(rows.get(periodOf(c.day(), weekly)), total)) {
                switch (c.metric()) {
                    case DailyCounters.CONVERSATIONS -> a.conversations += c.n();
                    case DailyCounters.TURNS -> {
                        a.turns += c.n();
                        a.byChannel.merge(c.channel(), c.n(), Long::sum);
                        if (!"-".equals(c.intent())) {
                            a.byIntent.merge(c.intent(), c.n(), Long::sum);
                        }
                        if (FALLBACK.equals(c.intent())) {
                            a.fallbacks += c.n();
                        }
                    }
                    case DailyCounters.RATED_DOWN -> a.ratedDown += c.n();
                    case DailyCounters.FIRST_RESPONSES -> a.firstResponses += c.n();
                    case DailyCounters.FIRST_RESPONSE_SECONDS -> a.firstResponseSeconds += c.n();
                    case DailyCounters.RESOLUTIONS -> a.resolutions += c.n();
                    case DailyCounters.RESOLUTION_SECONDS -> a.resolutionSeconds += c.n();
                    case DailyCounters.CSAT_RATINGS -> {
                        a.csatRatings += c.n();
                        a.csatScores.merge(c.intent(), c.n(), Long::sum);
                    }
                    case DailyCounters.CSAT_POINTS -> a.csatPoints += c.n();
                    default -> {
                    }
                }
            }
        }
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<Ticket> opened = tickets.history(start, end, TICKET_LIMIT);
        Map<String, Instant> claims = tickets.claimedAt(opened.stream().map(Ticket::id).toList());
        for (Ticket t : opened) {
            LocalDate day = LocalDate.ofInstant(t.createdAt(), zone);
            Instant claimed = claims.get(t.id());
            for (Acc a : List.of(rows.get(periodOf(day, weekly)), total)) {
                a.handoffs++;
                a.handedOver.add(t.conversationId());
                if (claimed != null) {
                    a.waits.add(Duration.between(t.createdAt(), claimed).toSeconds());
                }
            }
            if (t.status() == TicketStatus.RESOLVED && t.updatedAt().isBefore(end)) {
                Acc a = rows.get(periodOf(LocalDate.ofInstant(t.updatedAt(), zone), weekly));
                a.resolved++;
                total.resolved++;
            }
        }
        List<UnansweredQuestion> inRange = new ArrayList<>();
        for (UnansweredQuestion q : unanswered.recent(UnansweredLog.CAPACITY)) {
            if (!q.at().isBefore(start) && q.at().isBefore(end)) {
                rows.get(periodOf(LocalDate.ofInstant(q.at(), zone), weekly)).unanswered++;
                total.unanswered++;
                inRange.add(q);
            }
        }
        List<Top> topUnanswered = kr.daejeon.battery.learning.QuestionGroups.group(inRange).stream()
                .sorted(java.util.Comparator.comparingInt(kr.daejeon.battery.learning.QuestionGroups.Group::count).reversed())
                .limit(TOP).map(g -> new Top(g.example(), g.count())).toList();
        List<Top> topIntents = total.byIntent.entrySet().stream()
                .filter(e -> !FALLBACK.equals(e.getKey()))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP).map(e -> new Top(e.getKey(), e.getValue())).toList();
        List<Row> out = new ArrayList<>();
        rows.forEach((p, a) -> {
            LocalDate last = weekly ? p.plusDays(6) : p;
            out.add(a.row(p.toString(), (p.isBefore(from) ? from : p).toString(), (last.isAfter(to) ? to : last).toString()));
        });
        return new Report(from.toString(), to.toString(), weekly ? "week" : "day", out,
                total.row("total", from.toString(), to.toString()), topIntents, topUnanswered);
    }

    private static LocalDate periodOf(LocalDate day, boolean weekly) {
        return weekly ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
    }

    private static final class Acc {
        long conversations;
        long turns;
        long handoffs;
        long resolved;
        long unanswered;
        final List<Long> waits = new ArrayList<>();
        final Map<String, Long> byChannel = new TreeMap<>();
        final Map<String, Long> byIntent = new TreeMap<>();
        final java.util.Set<String> handedOver = new java.util.HashSet<>();
        long fallbacks;
        long ratedDown;
        long firstResponses;
        long firstResponseSeconds;
        long resolutions;
        long resolutionSeconds;
        long csatRatings;
        long csatPoints;
        final Map<String, Long> csatScores = new TreeMap<>();

        Row row(String period, String start, String end) {
            Map<String, Long> scores = new LinkedHashMap<>();
            for (int s = 1; s <= 5; s++) {
                scores.put(Integer.toString(s), csatScores.getOrDefault(Integer.toString(s), 0L));
            }
            return new Row(period, start, end, conversations, turns, handoffs, resolved, median(waits), unanswered,
                    new LinkedHashMap<>(byChannel), new LinkedHashMap<>(byIntent),
                    Math.max(0, conversations - handedOver.size()), fallbacks, ratedDown,
                    firstResponses == 0 ? null : firstResponseSeconds / firstResponses,
                    resolutions == 0 ? null : resolutionSeconds / resolutions, csatRatings,
                    csatRatings == 0 ? null : Math.round(csatPoints * 10.0 / csatRatings) / 10.0, scores);
        }
    }

    static Long median(List<Long> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
