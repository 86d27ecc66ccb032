package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ibm.icu.util.Calendar;
import com.ibm.icu.util.ChineseCalendar;
import com.ibm.icu.util.DangiCalendar;
import com.ibm.icu.util.GregorianCalendar;
import com.ibm.icu.util.TimeZone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped holiday data against an independent derivation: the lunar dates from ICU4J's Dangi
 * (Korean) calendar, and the substitute holidays from the rules of the Regulation on Holidays of
 * Government Offices (관공서의 공휴일에 관한 규정, art. 3), as amended for Buddha's Birthday and
 * Christmas (2023) and Constitution Day's return (2026). A wrong lunar date, a missed substitute
 * day or one too many in {@code holidays/kr.csv} fails here.
 */
class HolidayDataTest {

    private static final ZoneId SEOUL = ZoneId.of("Asia/Seoul");

    /** Election days fixed by the Public Official Election Act (the Wednesday its formula gives). */
    private static final Map<LocalDate, String> ELECTIONS = Map.of(
            LocalDate.of(2026, 6, 3), "전국동시지방선거",
            LocalDate.of(2028, 4, 12), "국회의원선거");

    private enum Substitute { NONE, IF_SUNDAY_OR_OVERLAP, IF_WEEKEND_OR_OVERLAP }

    @Test
    void shippedDataMatchesTheDangiCalendarAndTheSubstituteRules() {
        HolidayCalendar shipped = HolidayCalendar.korea(null);
        for (int year = 2026; year <= 2030; year++) {
            Map<LocalDate, String> expected = derive(year);
            Map<LocalDate, String> actual = new TreeMap<>();
            for (HolidayCalendar.Holiday h : shipped.inYear(year)) {
                actual.put(h.date(), h.kind());
            }
            assertEquals(expected, actual, "holidays/kr.csv for " + year + "; derived:\n" + csv(year));
        }
        assertEquals(2030, shipped.lastYear());
    }

    @Test
    void lunarHolidaysFallOnTheLunarDatesIcuGives() {
        // Independent of derive(): every shipped lunar holiday converts back to its lunar month and day.
        HolidayCalendar shipped = HolidayCalendar.korea(null);
        int lunar = 0;
        for (LocalDate d : shipped.dates()) {
            HolidayCalendar.Holiday h = shipped.on(d).orElseThrow();
            if (!h.kind().equals("lunar")) {
                continue;
            }
            lunar++;
            int[] md = lunarMonthDay(d);
            String what = d + " " + h.nameEn();
            switch (h.nameKo()) {
                case "설날" -> assertEquals(List.of(1, 1), List.of(md[0], md[1]), what);
                case "설날 다음날" -> assertEquals(List.of(1, 2), List.of(md[0], md[1]), what);
                case "설날 전날" -> assertEquals(List.of(1, 1), List.of(lunarMonthDay(d.plusDays(1))[0], lunarMonthDay(d.plusDays(1))[1]), what);
                case "부처님오신날" -> assertEquals(List.of(4, 8), List.of(md[0], md[1]), what);
                case "추석 전날" -> assertEquals(List.of(8, 14), List.of(md[0], md[1]), what);
                case "추석" -> assertEquals(List.of(8, 15), List.of(md[0], md[1]), what);
                case "추석 다음날" -> assertEquals(List.of(8, 16), List.of(md[0], md[1]), what);
                default -> throw new AssertionError("unexpected lunar holiday " + what);
            }
            assertEquals(0, md[2], what + " is not in a leap month");
        }
        // Seven lunar holidays a year, 2026-2030, less Chuseok 2028 (2028-10-03), which is National
        // Foundation Day too and counts once, as the fixed holiday listed first.
        assertEquals(5 * 7 - 1, lunar);
    }

    @Test
    void knownDaysOff() {
        HolidayCalendar kr = HolidayCalendar.korea(null);
        // Published 2026 calendar: Seollal Mon-Wed, substitutes after 3/1, Buddha's Birthday, 8/15 and 10/3.
        for (String d : List.of("2026-02-16", "2026-02-17", "2026-02-18", "2026-03-02", "2026-05-25", "2026-06-03",
                "2026-07-17", "2026-08-17", "2026-09-24", "2026-09-25", "2026-09-26", "2026-10-05", "2026-10-09")) {
            assertTrue(kr.contains(LocalDate.parse(d)), d);
        }
        // Chuseok 2028 contains National Foundation Day: one substitute day, the Thursday.
        assertTrue(kr.contains(LocalDate.parse("2028-10-05")));
        assertFalse(kr.contains(LocalDate.parse("2028-10-06")));
        // Memorial Day on a Saturday has no substitute.
        assertFalse(kr.contains(LocalDate.parse("2026-06-08")));
    }

    @Test
    void businessHoursAreClosedOnSeollalAndChuseok() {
        BusinessHours hours = BusinessHours.parse("MON-FRI 09:00-18:00", "", HolidayCalendar.korea(null), SEOUL);
        assertFalse(hours.isOpen(kst("2027-02-08T10:00:00")), "Seollal's next day, a Monday");
        assertFalse(hours.isOpen(kst("2027-02-09T10:00:00")), "substitute for Seollal on a Sunday");
        assertTrue(hours.isOpen(kst("2027-02-10T10:00:00")));
        assertFalse(hours.isOpen(kst("2026-09-24T10:00:00")), "Chuseok's eve, a Thursday");
        assertEquals("2026-09-28T09:00+09:00[Asia/Seoul]", hours.nextOpening(kst("2026-09-23T18:30:00")).toString());
    }

    @Test
    void anOperatorsFileAddsDaysAndYears(@TempDir Path dir) throws Exception {
        Path extra = dir.resolve("holidays.csv");
        Files.writeString(extra, "# [Example] a day off the government announced later\n"
                + "2027-06-30,extra,임시공휴일 [예시],Temporary holiday [Example]\n"
                + "2031-01-01,fixed,1월 1일,New Year's Day\n");
        HolidayCalendar kr = HolidayCalendar.korea(extra);
        assertTrue(kr.contains(LocalDate.parse("2027-06-30")));
        assertEquals(2031, kr.lastYear());
        assertTrue(kr.contains(LocalDate.parse("2027-02-07")), "shipped days stay");
    }

    @Test
    void warnsWhenTheDataEndsThisYearOrNext(@TempDir Path dir) {
        HolidayCalendar kr = HolidayCalendar.korea(null);
        assertTrue(kr.coverageWarning(LocalDate.parse("2028-12-31")).isEmpty());
        assertTrue(kr.coverageWarning(LocalDate.parse("2029-01-01")).orElseThrow().contains("2030"));
        assertTrue(kr.coverageWarning(LocalDate.parse("2030-06-01")).isPresent());
        assertTrue(HolidayCalendar.empty().coverageWarning(LocalDate.parse("2030-06-01")).isEmpty(),
                "no warning when public holidays are turned off");
    }

    @Test
    void theConfigurationTurnsThemOnByDefaultAndChecksTheSettings(@TempDir Path dir) {
        BusinessHours byDefault = kr.daejeon.battery.config.AppConfig.load(List.of(), Map.of()).businessHours();
        assertFalse(byDefault.isOpen(kst("2027-02-08T10:00:00")), "Seollal is not office hours out of the box");
        BusinessHours off = kr.daejeon.battery.config.AppConfig.load(List.of(), Map.of("PUBLIC_HOLIDAYS", "none")).businessHours();
        assertTrue(off.isOpen(kst("2027-02-08T10:00:00")));
        kr.daejeon.battery.config.ConfigException bad = org.junit.jupiter.api.Assertions.assertThrows(
                kr.daejeon.battery.config.ConfigException.class, () -> kr.daejeon.battery.config.AppConfig.load(List.of(),
                        Map.of("HOLIDAYS_FILE", dir.resolve("missing.csv").toString())));
        assertTrue(bad.getMessage().contains("HOLIDAYS_FILE"), bad.getMessage());
        assertThrowsConfig(Map.of("PUBLIC_HOLIDAYS", "jp"));
    }

    private static void assertThrowsConfig(Map<String, String> env) {
        org.junit.jupiter.api.Assertions.assertThrows(kr.daejeon.battery.config.ConfigException.class,
                () -> kr.daejeon.battery.config.AppConfig.load(List.of(), env));
    }

    private static Instant kst(String local) {
        return OffsetDateTime.parse(local + "+09:00").toInstant();
    }

    /** [lunar month, day, 1 if a leap month] for a Gregorian date, in Korea's (Dangi) lunisolar calendar. */
    static int[] lunarMonthDay(LocalDate d) {
        DangiCalendar c = new DangiCalendar();
        c.setTimeZone(TimeZone.getTimeZone("Asia/Seoul"));
        GregorianCalendar g = new GregorianCalendar(TimeZone.getTimeZone("Asia/Seoul"));
        g.clear();
        g.set(d.getYear(), d.getMonthValue() - 1, d.getDayOfMonth(), 12, 0);
        c.setTime(g.getTime());
        return new int[] {c.get(Calendar.MONTH) + 1, c.get(Calendar.DAY_OF_MONTH), c.get(ChineseCalendar.IS_LEAP_MONTH)};
    }

    private static LocalDate lunar(int year, int month, int day) {
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            int[] md = lunarMonthDay(d);
            if (md[0] == month && md[1] == day && md[2] == 0) {
                return d;
            }
        }
        throw new AssertionError("no lunar " + month + "/" + day + " in " + year);
    }

    private record Named(String nameKo, String nameEn, String kind, Substitute rule, int group) { }

    /** Every holiday of a year by the rules: date → kind. */
    private static Map<LocalDate, String> derive(int year) {
        Map<LocalDate, String> out = new TreeMap<>();
        derived(year).forEach((d, names) -> out.put(d, names.get(0).kind()));
        return out;
    }

    private static TreeMap<LocalDate, List<Named>> derived(int year) {
        TreeMap<LocalDate, List<Named>> days = new TreeMap<>();
        java.util.function.BiConsumer<LocalDate, Named> add = (d, n) -> days.computeIfAbsent(d, k -> new ArrayList<>()).add(n);
        Map<MonthDay, Named> fixed = new LinkedHashMap<>();
        fixed.put(MonthDay.of(1, 1), new Named("1월 1일", "New Year's Day", "fixed", Substitute.NONE, 0));
        fixed.put(MonthDay.of(3, 1), new Named("삼일절", "Independence Movement Day", "fixed", Substitute.IF_WEEKEND_OR_OVERLAP, 0));
        fixed.put(MonthDay.of(5, 5), new Named("어린이날", "Children's Day", "fixed", Substitute.IF_WEEKEND_OR_OVERLAP, 0));
        fixed.put(MonthDay.of(6, 6), new Named("현충일", "Memorial Day", "fixed", Substitute.NONE, 0));
        fixed.put(MonthDay.of(7, 17), new Named("제헌절", "Constitution Day", "fixed", Substitute.IF_WEEKEND_OR_OVERLAP, 0));
        fixed.put(MonthDay.of(8, 15), new Named("광복절", "Liberation Day", "fixed", Substitute.IF_WEEKEND_OR_OVERLAP, 0));
        fixed.put(MonthDay.of(10, 3), new Named("개천절", "National Foundation Day", "fixed", Substitute.IF_WEEKEND_OR_OVERLAP, 0));
        fixed.put(MonthDay.of(10, 9), new Named("한글날", "Hangeul Day", "fixed", Substitute.IF_WEEKEND_OR_OVERLAP, 0));
        fixed.put(MonthDay.of(12, 25), new Named("기독탄신일", "Christmas Day", "fixed", Substitute.IF_WEEKEND_OR_OVERLAP, 0));
        fixed.forEach((md, n) -> add.accept(md.atYear(year), n));
        LocalDate seollal = lunar(year, 1, 1);
        add.accept(seollal.minusDays(1), new Named("설날 전날", "Seollal (eve)", "lunar", Substitute.IF_SUNDAY_OR_OVERLAP, 1));
        add.accept(seollal, new Named("설날", "Seollal (Lunar New Year)", "lunar", Substitute.IF_SUNDAY_OR_OVERLAP, 1));
        add.accept(seollal.plusDays(1), new Named("설날 다음날", "Seollal (day after)", "lunar", Substitute.IF_SUNDAY_OR_OVERLAP, 1));
        add.accept(lunar(year, 4, 8), new Named("부처님오신날", "Buddha's Birthday", "lunar", Substitute.IF_WEEKEND_OR_OVERLAP, 0));
        LocalDate chuseok = lunar(year, 8, 15);
        add.accept(chuseok.minusDays(1), new Named("추석 전날", "Chuseok (eve)", "lunar", Substitute.IF_SUNDAY_OR_OVERLAP, 2));
        add.accept(chuseok, new Named("추석", "Chuseok", "lunar", Substitute.IF_SUNDAY_OR_OVERLAP, 2));
        add.accept(chuseok.plusDays(1), new Named("추석 다음날", "Chuseok (day after)", "lunar", Substitute.IF_SUNDAY_OR_OVERLAP, 2));
        ELECTIONS.forEach((d, name) -> {
            if (d.getYear() == year) {
                add.accept(d, new Named(name, name.startsWith("국회") ? "National Assembly election" : "Local elections",
                        "election", Substitute.NONE, 0));
            }
        });
        // Art. 3: a day that triggers gives one substitute, the first day after it (after the whole
        // three days for Seollal and Chuseok) that is neither a weekend day nor a holiday.
        for (LocalDate d : new ArrayList<>(days.keySet())) {
            List<Named> names = days.get(d);
            boolean overlap = names.size() > 1;
            boolean sunday = d.getDayOfWeek() == DayOfWeek.SUNDAY;
            boolean weekend = sunday || d.getDayOfWeek() == DayOfWeek.SATURDAY;
            Named trigger = null;
            for (Named n : names) {
                if ((n.rule() == Substitute.IF_SUNDAY_OR_OVERLAP && (sunday || overlap))
                        || (n.rule() == Substitute.IF_WEEKEND_OR_OVERLAP && (weekend || overlap))) {
                    trigger = n;
                    break;
                }
            }
            if (trigger == null) {
                continue;
            }
            LocalDate from = d;
            if (trigger.group() == 1) {
                from = seollal.plusDays(1);
            } else if (trigger.group() == 2) {
                from = chuseok.plusDays(1);
            }
            LocalDate sub = from.plusDays(1);
            while (days.containsKey(sub) || sub.getDayOfWeek() == DayOfWeek.SATURDAY || sub.getDayOfWeek() == DayOfWeek.SUNDAY) {
                sub = sub.plusDays(1);
            }
            add.accept(sub, new Named("대체공휴일(" + trigger.nameKo() + ")", "Substitute holiday (" + trigger.nameEn() + ")",
                    "substitute", Substitute.NONE, 0));
        }
        return days;
    }

    /** The derived year as CSV lines, printed on a mismatch so the data can be reviewed against it. */
    private static String csv(int year) {
        return derived(year).entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(n -> e.getKey() + "," + n.kind() + "," + n.nameKo() + "," + n.nameEn()))
                .collect(Collectors.joining("\n"));
    }
}
