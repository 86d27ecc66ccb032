package kr.daejeon.battery.reports;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A report as CSV for a spreadsheet: one row per period and a total row; turns by channel and by
 * intent as extra columns. UTF-8 with a byte-order mark, which spreadsheet programs need to read it as
 * UTF-8. Every cell is a date, a number or a code from a closed set, quoted when needed all the same.
 */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String of(StaffReports.Report report) {
        TreeSet<String> channels = new TreeSet<>(report.totals().byChannel().keySet());
        TreeSet<String> intents = new TreeSet<>(report.totals().byIntent().keySet());
        StringBuilder out = new StringBuilder("\uFEFF");
        out.append("period,start,end,conversations,turns,handoffs,resolved,median_wait_seconds,unanswered,"
                + "contained,fallbacks,rated_down,avg_first_response_seconds,avg_resolution_seconds,satisfaction_ratings,"
                + "satisfaction_average");
        channels.forEach(c -> out.append(',').append(cell("turns_channel_" + c)));
        intents.forEach(i -> out.append(',').append(cell("turns_intent_" + i)));
        out.append("\r\n");
        for (StaffReports.Row r : report.periods()) {
            row(out, r, channels, intents);
        }
        row(out, report.totals(), channels, intents);
        return out.toString();
    }

    private static void row(StringBuilder out, StaffReports.Row r, TreeSet<String> channels, TreeSet<String> intents) {
        out.append(String.join(",", List.of(cell(r.period()), r.start(), r.end(), String.valueOf(r.conversations()),
                String.valueOf(r.turns()), String.valueOf(r.handoffs()), String.valueOf(r.resolved()),
                r.medianWaitSeconds() == null ? "" : String.valueOf(r.medianWaitSeconds()), String.valueOf(r.unanswered()),
                String.valueOf(r.contained()), String.valueOf(r.fallbacks()), String.valueOf(r.ratedDown()),
                r.avgFirstResponseSeconds() == null ? "" : String.valueOf(r.avgFirstResponseSeconds()),
                r.avgResolutionSeconds() == null ? "" : String.valueOf(r.avgResolutionSeconds()),
                String.valueOf(r.satisfactionRatings()),
                r.satisfactionAverage() == null ? "" : String.valueOf(r.satisfactionAverage()))));
        channels.forEach(c -> out.append(',').append(value(r.byChannel(), c)));
        intents.forEach(i -> out.append(',').append(value(r.byIntent(), i)));
        out.append("\r\n");
    }

    private static String value(Map<String, Long> counts, String key) {
        return String.valueOf(counts.getOrDefault(key, 0L));
    }

    /** Quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
    static String cell(String s) {
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        return v.matches(".*[,\"\\r\\n].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
