package kr.daejeon.battery.escalation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * When staff answer: working days, opening and closing time, and public holidays, in the
 * program's zone (Asia/Seoul). Parsed from {@code MON-FRI 09:00-18:00} and a list of dates, on top of
 * the public holidays of a {@link HolidayCalendar} (Korea's by default).
 */
public final class BusinessHours {

    private final Set<DayOfWeek> days;
    private final LocalTime opens;
    private final LocalTime closes;
    private final Set<LocalDate> holidays;
    private final ZoneId zone;

    public BusinessHours(Set<DayOfWeek> days, LocalTime opens, LocalTime closes, Set<LocalDate> holidays, ZoneId zone) {
        if (days.isEmpty() || !closes.isAfter(opens)) {
            throw new IllegalArgumentException("business hours need at least one day and closing after opening");
        }
        this.days = EnumSet.copyOf(days);
        this.opens = opens;
        this.closes = closes;
        this.holidays = Set.copyOf(holidays);
        this.zone = zone;
    }

    /** Parses {@code "MON-FRI 09:00-18:00"} (or {@code "MON,WED 10:00-16:00"}) and {@code "2027-01-01,2027-02-08"}. */
    public static BusinessHours parse(String spec, String holidayList, ZoneId zone) {
        return parse(spec, holidayList, HolidayCalendar.empty(), zone);
    }

    /** As {@link #parse(String, String, ZoneId)}, with every day of {@code publicHolidays} off as well. */
    public static BusinessHours parse(String spec, String holidayList, HolidayCalendar publicHolidays, ZoneId zone) {
        String[] parts = spec.trim().toUpperCase(Locale.ROOT).split("\\s+");
        if (parts.length != 2) {
            throw new IllegalArgumentException("BUSINESS_HOURS must look like 'MON-FRI 09:00-18:00' (got '" + spec + "')");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : parts[0].split(",")) {
            String[] range = item.split("-");
            DayOfWeek from = day(range[0]);
            DayOfWeek to = range.length > 1 ? day(range[1]) : from;
            for (DayOfWeek d = from; ; d = d.plus(1)) {
                days.add(d);
                if (d == to) {
                    break;
                }
            }
        }
        String[] times = parts[1].split("-");
        try {
            Set<LocalDate> holidays = new HashSet<>(publicHolidays.dates());
            for (String h : holidayList == null ? new String[0] : holidayList.split(",")) {
                if (!h.isBlank()) {
                    holidays.add(LocalDate.parse(h.trim()));
                }
            }
            // "24:00" closes at the end of the day.
            LocalTime close = times[1].equals("24:00") ? LocalTime.MAX : LocalTime.parse(times[1]);
            return new BusinessHours(days, LocalTime.parse(times[0]), close, holidays, zone);
        } catch (DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("business hours or holidays not understood: " + e.getMessage());
        }
    }

    private static DayOfWeek day(String s) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().startsWith(s) && s.length() >= 3) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown day '" + s + "' (use MON, TUE, …)");
    }

    public boolean isOpen(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        return isWorkingDay(local.toLocalDate()) && !local.toLocalTime().isBefore(opens) && local.toLocalTime().isBefore(closes);
    }

    /** The next moment staff are in (now, if they are in now). */
    public ZonedDateTime nextOpening(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        if (isOpen(at)) {
            return local;
        }
        LocalDate day = local.toLocalDate();
        if (!local.toLocalTime().isBefore(opens)) {
            day = day.plusDays(1);
        }
        while (!isWorkingDay(day)) {
            day = day.plusDays(1);
        }
        return day.atTime(opens).atZone(zone);
    }

    private boolean isWorkingDay(LocalDate d) {
        return days.contains(d.getDayOfWeek()) && !holidays.contains(d);
    }
}
