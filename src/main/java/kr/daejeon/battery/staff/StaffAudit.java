package kr.daejeon.battery.staff;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.session.CappedList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who looked at or took customers' data (issue 20, PIPA): each view of a transcript or ticket, each export (CSV
 * report, history search, this log's own CSV) and each erasure, as who / what / which / when. Kept for admins, in
 * Redis when configured (shared by every node) or in this process, newest first, at most {@link #CAPACITY} records
 * and at most {@code retention} (a year by default: the safety measures standard under PIPA asks access records of
 * personal data to be kept at least that long). Records name conversations and tickets by id and hold no customer
 * text. Blocking in Redis: call off the event loop.
 */
public final class StaffAudit {

    public static final int CAPACITY = 20_000;

    /** What was done. */
    public enum Action { VIEWED_TRANSCRIPT, VIEWED_TICKET, SEARCHED_HISTORY, EXPORTED_REPORT, EXPORTED_AUDIT, ERASED_CONVERSATION }

    /**
     * One access.
     *
     * @param who    the staff username
     * @param target what was accessed: a conversation or ticket id, or the export's range
     */
    public record Entry(Instant at, String who, StaffRole role, Action action, String target) {
    }

    private static final Logger AUDIT = LoggerFactory.getLogger("audit");

    private final CappedList<Entry> entries;
    private final Duration retention;
    private final Clock clock;

    /** @param entries the backend's list named {@code staffaudit}, of {@link #CAPACITY} */
    public StaffAudit(CappedList<Entry> entries, Duration retention, Clock clock) {
        this.entries = entries;
        this.retention = retention;
        this.clock = clock;
    }

    /**
     * Records an access. A failure to record is logged and rethrown: the caller decides whether the access may go
     * on without its record (the staff API refuses it: no unaudited access to personal data).
     */
    public Entry record(StaffSession who, Action action, String target) {
        Entry e = new Entry(clock.instant(), who.username(), who.role(), action, target);
        AUDIT.info("staff access who={} action={} target={}", e.who(), e.action(), e.target());
        entries.add(e);
        return e;
    }

    public List<Entry> recent(int limit) {
        return entries.recent(limit);
    }

    /** Retention: forgets what is older than the audit retention period. Returns how many went. */
    public int sweep() {
        return entries.sweep(clock.instant().minus(retention), Entry::at);
    }

    /** The records as CSV (RFC 4180), newest first. */
    public static String csv(List<Entry> rows) {
        StringBuilder out = new StringBuilder("at,who,role,action,target\r\n");
        for (Entry e : rows) {
            out.append(e.at()).append(',').append(cell(e.who())).append(',').append(cell(e.role().wire())).append(',')
                    .append(e.action().name().toLowerCase(java.util.Locale.ROOT)).append(',').append(cell(e.target())).append("\r\n");
        }
        return out.toString();
    }

    /** Quoted when needed; a leading = + - @ is defused so a spreadsheet never runs it as a formula. */
    private static String cell(String v) {
        String s = v == null ? "" : v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }
}
