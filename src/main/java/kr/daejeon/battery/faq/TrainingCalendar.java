package kr.daejeon.battery.faq;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.nlu.Language;

/**
 * The training sessions in {@code faq/}, read against the clock: which are still ahead, the next
 * one, their sign-up status ("closes in N days", "full"), and an iCalendar file for each.
 */
public final class TrainingCalendar {

    private static final DateTimeFormatter ICS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final List<TrainingSession> sessions;

    public TrainingCalendar(List<TrainingSession> sessions) {
        this.sessions = sessions.stream().sorted(Comparator.comparing(TrainingSession::starts)).toList();
    }

    public static TrainingCalendar empty() {
        return new TrainingCalendar(List.of());
    }

    public List<TrainingSession> sessions() {
        return sessions;
    }

    public Optional<TrainingSession> session(String id) {
        return sessions.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    /** Sessions that have not ended, soonest first. */
    public List<TrainingSession> upcoming(Instant now) {
        return sessions.stream().filter(s -> s.status(now) != TrainingSession.Status.ENDED).toList();
    }

    /** Upcoming sessions that are real (not example data): only these get a calendar file. */
    public List<TrainingSession> upcomingPublic(Instant now) {
        return upcoming(now).stream().filter(s -> !s.example()).toList();
    }

    /** The next session a company can still sign up for (or will be able to), if any. */
    public Optional<TrainingSession> nextOpen(Instant now) {
        return upcoming(now).stream().filter(s -> s.status(now) == TrainingSession.Status.OPEN
                || s.status(now) == TrainingSession.Status.SIGNUP_NOT_OPEN).findFirst();
    }

    /** One line per upcoming session (at most {@code limit}), in the customer's language. */
    public String describe(Instant now, Language language, AnswerRenderer renderer, int limit) {
        List<TrainingSession> ahead = upcoming(now);
        if (ahead.isEmpty()) {
            return language == Language.KO ? "현재 예정된 교육이 없습니다." : "No training sessions are scheduled at the moment.";
        }
        StringBuilder out = new StringBuilder();
        for (TrainingSession s : ahead.subList(0, Math.min(limit, ahead.size()))) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("• ").append(s.course().in(language)).append(" — ").append(renderer.date(s.starts(), language))
                    .append(" ~ ").append(renderer.date(s.ends(), language)).append(", ").append(s.place().in(language))
                    .append(": ").append(status(s, now, language, renderer));
        }
        return out.toString();
    }

    String status(TrainingSession s, Instant now, Language language, AnswerRenderer renderer) {
        boolean ko = language == Language.KO;
        if (s.example()) {
            // Nobody can sign up for an example session: its dates stay (marked), a countdown or seat count would
            // present it as real.
            return (ko ? "[예시] 수강 신청 기간 " : "[Example] sign-up period ") + renderer.date(s.signup().opens(), language)
                    + " ~ " + renderer.date(s.signup().closes(), language);
        }
        return switch (s.status(now)) {
            case FULL -> ko ? "정원 마감(" + s.seats() + "명)" : "full (" + s.seats() + " seats)";
            case RUNNING -> ko ? "진행 중" : "in progress";
            case ENDED -> ko ? "종료" : "ended";
            case OPEN -> renderer.windowStatus(s.signup(), language, now)
                    + (ko ? ", 잔여 " + s.seatsLeft() + "석" : ", " + s.seatsLeft() + " seats left");
            default -> renderer.windowStatus(s.signup(), language, now);
        };
    }

    /**
     * An iCalendar (RFC 5545) file for the session: a course over several days is one event per course day
     * (the day's hours, repeated daily with an RRULE) rather than one event running day and night; and the
     * sign-up deadline is an event of its own with a reminder the day before.
     */
    public String ics(TrainingSession s, Language language, Instant now) {
        String nl = "\r\n";
        boolean ko = language == Language.KO;
        // Course days are counted on the course's own clock (its offset, +09:00 for Seoul).
        java.time.OffsetDateTime start = s.starts();
        java.time.OffsetDateTime end = s.ends().withOffsetSameInstant(start.getOffset());
        long days = java.time.temporal.ChronoUnit.DAYS.between(start.toLocalDate(), end.toLocalDate()) + 1;
        java.time.OffsetDateTime firstDayEnd = days > 1 ? start.with(end.toLocalTime()) : end;
        StringBuilder out = new StringBuilder()
                .append("BEGIN:VCALENDAR").append(nl)
                .append("VERSION:2.0").append(nl)
                .append("PRODID:-//Daejeon battery program//inquiry assistant//KO").append(nl)
                .append("CALSCALE:GREGORIAN").append(nl)
                .append("METHOD:PUBLISH").append(nl)
                .append("BEGIN:VEVENT").append(nl)
                .append("UID:").append(s.id()).append("@daejeon-battery-program").append(nl)
                .append("DTSTAMP:").append(ICS_TIME.format(now)).append(nl)
                .append("DTSTART:").append(ICS_TIME.format(start.toInstant())).append(nl)
                .append("DTEND:").append(ICS_TIME.format(firstDayEnd.toInstant())).append(nl);
        if (days > 1 && firstDayEnd.isAfter(start)) {
            // A course that starts and ends on working days runs on working days (a four-week practice skips weekends).
            boolean workingDays = !isWeekend(start.getDayOfWeek()) && !isWeekend(end.getDayOfWeek());
            out.append("RRULE:FREQ=DAILY;UNTIL=").append(ICS_TIME.format(end.toInstant()))
                    .append(workingDays ? ";BYDAY=MO,TU,WE,TH,FR" : "").append(nl);
        }
        out.append(fold("SUMMARY:" + escape(s.course().in(language)))).append(nl)
                .append(fold("LOCATION:" + escape(s.place().in(language)))).append(nl)
                .append(fold("DESCRIPTION:" + escape(ko
                        ? "대전시 이차전지산업 육성지원 사업 인력양성 교육. [예시 일정: 사업 공고로 확인하세요]"
                        : "Daejeon secondary battery program workforce training. [Example schedule: check the official notice]")))
                .append(nl)
                .append("END:VEVENT").append(nl);
        if (s.signup() != null && s.signup().closes() != null) {
            Instant closes = s.signup().closes().toInstant();
            out.append("BEGIN:VEVENT").append(nl)
                    .append("UID:").append(s.id()).append("-signup@daejeon-battery-program").append(nl)
                    .append("DTSTAMP:").append(ICS_TIME.format(now)).append(nl)
                    .append("DTSTART:").append(ICS_TIME.format(closes.minus(java.time.Duration.ofMinutes(30)))).append(nl)
                    .append("DTEND:").append(ICS_TIME.format(closes)).append(nl)
                    .append(fold("SUMMARY:" + escape((ko ? "[예시] 수강 신청 마감: " : "[Example] Sign-up deadline: ")
                            + s.course().in(language)))).append(nl)
                    .append("BEGIN:VALARM").append(nl)
                    .append("ACTION:DISPLAY").append(nl)
                    .append("TRIGGER:-P1D").append(nl)
                    .append(fold("DESCRIPTION:" + escape((ko ? "내일 수강 신청 마감: " : "Sign-up closes tomorrow: ")
                            + s.course().in(language)))).append(nl)
                    .append("END:VALARM").append(nl)
                    .append("END:VEVENT").append(nl);
        }
        return out.append("END:VCALENDAR").append(nl).toString();
    }

    private static boolean isWeekend(java.time.DayOfWeek d) {
        return d == java.time.DayOfWeek.SATURDAY || d == java.time.DayOfWeek.SUNDAY;
    }

    static String escape(String text) {
        return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r", "").replace("\n", "\\n");
    }

    /** Lines longer than 75 octets are folded, without splitting a UTF-8 character. */
    static String fold(String line) {
        StringBuilder out = new StringBuilder();
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int cp = line.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            if (octets + n > 75) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(cp);
            octets += n;
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
