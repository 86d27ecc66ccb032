package kr.daejeon.battery.faq;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import kr.daejeon.battery.nlu.Language;

/**
 * Dates as people write them, not ISO strings: "2026년 3월 4일 (수) 09:00" in Korean and
 * "Wed, 4 Mar 2026, 09:00" in English (British order, 24-hour clock, as in Korean offices).
 */
public final class HumanDates {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter EN = DateTimeFormatter.ofPattern("EEE, d MMM uuuu, HH:mm", Locale.UK);

    private HumanDates() {
    }

    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("EEE, d MMM uuuu", Locale.UK);

    /** The date alone ("2026년 2월 12일 (목)", "Thu, 12 Feb 2026"), in the zone of {@code t}. */
    public static String date(ZonedDateTime t, Language language) {
        if (language == Language.EN) {
            return EN_DATE.format(t).replace("Sept", "Sep");
        }
        return t.getYear() + "년 " + t.getMonthValue() + "월 " + t.getDayOfMonth() + "일 ("
                + t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.KOREAN) + ")";
    }

    private static final DateTimeFormatter EN_NEAR = DateTimeFormatter.ofPattern("EEE, d MMM, HH:mm", Locale.UK);

    /**
     * Date and time without the year when it is {@code year} ("12월 7일 (월) 09:00", "Mon, 7 Dec, 09:00"): the
     * next time staff are in, shown in a status line where "2026-12-07 09:00" read as a log entry.
     */
    public static String dateTimeIn(int year, ZonedDateTime t, Language language) {
        if (t.getYear() != year) {
            return dateTime(t, language);
        }
        if (language == Language.EN) {
            return EN_NEAR.format(t).replace("Sept", "Sep");
        }
        return t.getMonthValue() + "월 " + t.getDayOfMonth() + "일 ("
                + t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.KOREAN) + ") " + TIME.format(t);
    }

    /** Date and time in the zone of {@code t}. */
    public static String dateTime(ZonedDateTime t, Language language) {
        if (language == Language.EN) {
            // Locale.UK writes "Sept" for September since JDK 17; people write "Sep".
            return EN.format(t).replace("Sept", "Sep");
        }
        return t.getYear() + "년 " + t.getMonthValue() + "월 " + t.getDayOfMonth() + "일 ("
                + t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.KOREAN) + ") " + TIME.format(t);
    }
}
