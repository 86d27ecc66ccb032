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
        return switch (s.status(now)) {
            case FULL -> ko ? "정원 마감(" + s.seats() + "명)" : "full (" + s.seats() + " seats)";
            case RUNNING -> ko ? "진행 중" : "in progress";
            case ENDED -> ko ? "종료" : "ended";
            case OPEN -> renderer.windowStatus(s.signup(), language, now)
                    + (ko ? ", 잔여 " + s.seatsLeft() + "석" : ", " + s.seatsLeft() + " seats left");
            default -> renderer.windowStatus(s.signup(), language, now);
        };
    }

    /** An iCalendar (RFC 5545) file with the session as one event. */
    public String ics(TrainingSession s, Language language, Instant now) {
        String nl = "\r\n";
        return "BEGIN:VCALENDAR" + nl
                + "VERSION:2.0" + nl
                + "PRODID:-//Daejeon battery program//inquiry assistant//KO" + nl
                + "CALSCALE:GREGORIAN" + nl
                + "METHOD:PUBLISH" + nl
                + "BEGIN:VEVENT" + nl
                + "UID:" + s.id() + "@daejeon-battery-program" + nl
                + "DTSTAMP:" + ICS_TIME.format(now) + nl
                + "DTSTART:" + ICS_TIME.format(s.starts().toInstant()) + nl
                + "DTEND:" + ICS_TIME.format(s.ends().toInstant()) + nl
                + fold("SUMMARY:" + escape(s.course().in(language))) + nl
                + fold("LOCATION:" + escape(s.place().in(language))) + nl
                + fold("DESCRIPTION:" + escape(language == Language.KO
                        ? "대전시 이차전지산업 육성지원 사업 인력양성 교육. [예시 일정: 사업 공고로 확인하세요]"
                        : "Daejeon secondary battery program workforce training. [Example schedule: check the official notice]")) + nl
                + "END:VEVENT" + nl
                + "END:VCALENDAR" + nl;
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
