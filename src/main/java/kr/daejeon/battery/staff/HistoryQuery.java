package kr.daejeon.battery.staff;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Function;
import kr.daejeon.battery.escalation.TicketStatus;

/**
 * What staff search the history for. Every filter is optional; {@code text} and {@code contact} match
 * case-insensitively anywhere; dates are whole days in the service's time zone, both inclusive.
 */
public record HistoryQuery(String text, Instant from, Instant to, String intent, String channel, TicketStatus status,
                           String contact, int page, int size) {

    public static final int MAX_SIZE = 100;
    /** How far back a search without a start date looks: as long as resolved tickets are kept. */
    public static final int DEFAULT_DAYS = 90;

    /**
     * Reads the query parameters ({@code param} gives each one or null); a bad value is an
     * {@link kr.daejeon.battery.Refusal} naming it (a 400 for the client).
     */
    public static HistoryQuery parse(Function<String, String> param, ZoneId zone, Instant now) {
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate toDay = date(param.apply("to"), "to", today);
        LocalDate fromDay = date(param.apply("from"), "from", toDay.minusDays(DEFAULT_DAYS));
        if (fromDay.isAfter(toDay)) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_query", "'from' is after 'to'");
        }
        TicketStatus status = status(blankToNull(param.apply("status")));
        int page = number(param.apply("page"), "page", 0, 0, 100_000);
        int size = number(param.apply("size"), "size", 25, 1, MAX_SIZE);
        return new HistoryQuery(lower(param.apply("text")), fromDay.atStartOfDay(zone).toInstant(),
                toDay.plusDays(1).atStartOfDay(zone).toInstant(), blankToNull(param.apply("intent")),
                blankToNull(param.apply("channel")), status, lower(param.apply("contact")), page, size);
    }

    private static TicketStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return TicketStatus.of(value);
        } catch (IllegalArgumentException e) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_query", "'status' must be waiting, assigned or resolved");
        }
    }

    private static LocalDate date(String value, String name, LocalDate otherwise) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_query", "'" + name + "' must be a date like 2027-03-02");
        }
    }

    private static int number(String value, String name, int otherwise, int min, int max) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw kr.daejeon.battery.Refusal.invalid("invalid_query", "'" + name + "' must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_query", "'" + name + "' must be a number");
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String lower(String s) {
        String v = blankToNull(s);
        return v == null ? null : v.toLowerCase(Locale.ROOT);
    }
}
