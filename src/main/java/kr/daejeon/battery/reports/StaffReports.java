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

    /** One row: a day ({@code period} = its date) or a week (its Monday). */
    public record Row(String period, String start, String end, long conversations, long turns, long handoffs, long resolved,
                      Long medianWaitSeconds, long unanswered, Map<String, Long> byChannel, Map<String, Long> byIntent) {
    }

    public record Report(String from, String to, String by, List<Row> periods, Row totals) {
    }

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
                if (DailyCounters.CONVERSATIONS.equals(c.metric())) {
                    a.conversations += c.n();
                } else if (DailyCounters.TURNS.equals(c.metric())) {
                    a.turns += c.n();
                    a.byChannel.merge(c.channel(), c.n(), Long::sum);
                    if (!"-".equals(c.intent())) {
                        a.byIntent.merge(c.intent(), c.n(), Long::sum);
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
                if (claimed != null) {
                    a.waits.add(Duration.between(t.createdAt(), claimed).toSeconds());
                }
            }
            if (Ticket.RESOLVED.equals(t.status()) && t.updatedAt().isBefore(end)) {
                Acc a = rows.get(periodOf(LocalDate.ofInstant(t.updatedAt(), zone), weekly));
                a.resolved++;
                total.resolved++;
            }
        }
        for (UnansweredQuestion q : unanswered.recent(UnansweredLog.CAPACITY)) {
            if (!q.at().isBefore(start) && q.at().isBefore(end)) {
                rows.get(periodOf(LocalDate.ofInstant(q.at(), zone), weekly)).unanswered++;
                total.unanswered++;
            }
        }
        List<Row> out = new ArrayList<>();
        rows.forEach((p, a) -> {
            LocalDate last = weekly ? p.plusDays(6) : p;
            out.add(a.row(p.toString(), (p.isBefore(from) ? from : p).toString(), (last.isAfter(to) ? to : last).toString()));
        });
        return new Report(from.toString(), to.toString(), weekly ? "week" : "day", out,
                total.row("total", from.toString(), to.toString()));
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

        Row row(String period, String start, String end) {
            return new Row(period, start, end, conversations, turns, handoffs, resolved, median(waits), unanswered,
                    new LinkedHashMap<>(byChannel), new LinkedHashMap<>(byIntent));
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
