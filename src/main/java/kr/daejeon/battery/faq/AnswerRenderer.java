package kr.daejeon.battery.faq;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.nlu.Language;

/**
 * Fills the date placeholders of an answer against the current time in the program's zone
 * (Asia/Seoul): {@code {date:NAME}}, {@code {date:NAME.opens}}, {@code {date:NAME.closes}} and
 * {@code {window:NAME}}, which says whether the window is not yet open, open with D-N, closing
 * today, or closed. D-N counts calendar days in the zone, as Korean notices do.
 */
public final class AnswerRenderer {

    static final Pattern PLACEHOLDER = Pattern.compile("\\{(date|window):([a-z0-9_]+)(?:\\.(opens|closes))?}");

    /** Where {@code {sessions}} appears: the upcoming training sessions with their sign-up status. */
    static final String SESSIONS = "{sessions}";
    static final int SESSIONS_SHOWN = 3;

    private final ZoneId zone;
    private final TrainingCalendar calendar;

    public AnswerRenderer(ZoneId zone) {
        this(zone, TrainingCalendar.empty());
    }

    public AnswerRenderer(ZoneId zone, TrainingCalendar calendar) {
        this.zone = zone;
        this.calendar = calendar;
    }

    public String render(FaqEntry entry, Language language, Instant now) {
        String template = entry.answer().in(language);
        if (template.contains(SESSIONS)) {
            template = template.replace(SESSIONS, calendar.describe(now, language, this, SESSIONS_SHOWN));
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            DateWindow window = entry.dates().get(m.group(2));
            String replacement;
            if (window == null) {
                replacement = m.group();
            } else if (m.group(1).equals("window")) {
                replacement = windowStatus(window, language, now);
            } else {
                replacement = date("opens".equals(m.group(3)) ? window.opens() : window.closes(), language);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    public String windowStatus(DateWindow w, Language language, Instant now) {
        if (!w.isWindow()) {
            return date(w.closes(), language);
        }
        String noun = w.noun() == null ? (language == Language.KO ? "접수" : "application") : w.noun().in(language);
        String closes = date(w.closes(), language);
        if (now.isBefore(w.opens().toInstant())) {
            return language == Language.KO
                    ? "아직 " + noun + " 전입니다 (시작: " + date(w.opens(), language) + ")"
                    : "The " + noun + " period has not started yet (opens " + date(w.opens(), language) + ")";
        }
        if (!now.isBefore(w.closes().toInstant())) {
            return language == Language.KO
                    ? noun + subjectParticle(noun) + " 마감되었습니다 (" + closes + ")"
                    : "The " + noun + " period has closed (" + closes + ")";
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        long days = ChronoUnit.DAYS.between(today, w.closes().atZoneSameInstant(zone).toLocalDate());
        if (days == 0) {
            return language == Language.KO
                    ? "오늘 " + noun + " 마감입니다 (D-Day, " + closes + ")"
                    : "The " + noun + " deadline is today (D-Day, " + closes + ")";
        }
        return language == Language.KO
                ? noun + " 마감까지 D-" + days + " (" + closes + ")"
                : "D-" + days + " to the " + noun + " deadline (" + closes + ")";
    }

    /**
     * A moment as people write it. 23:59 and 00:00 stand for "that day, no time given" (the public reports give the
     * closing day of a call, not an hour): those show the date alone, so no invented time is ever stated as fact.
     */
    String date(java.time.OffsetDateTime t, Language language) {
        ZonedDateTime local = t.atZoneSameInstant(zone);
        boolean dayOnly = local.getSecond() == 0 && (local.getHour() == 23 && local.getMinute() == 59
                || local.getHour() == 0 && local.getMinute() == 0);
        if (dayOnly) {
            return HumanDates.date(local, language);
        }
        String s = HumanDates.dateTime(local, language);
        return language == Language.EN && zone.getId().equals("Asia/Seoul") ? s + " KST" : s;
    }

    /** 이 after a final consonant, 가 otherwise ("접수가", "교육 신청이"). */
    static String subjectParticle(String word) {
        char last = word.charAt(word.length() - 1);
        if (last < 0xAC00 || last > 0xD7A3) {
            return "이";
        }
        return (last - 0xAC00) % 28 == 0 ? "가" : "이";
    }
}
