package kr.daejeon.battery.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.support.TestContent;
import org.junit.jupiter.api.Test;

/** The training sessions in faq/, read against the Asia/Seoul clock. */
class TrainingCalendarTest {

    static final FaqCatalog FAQ = FaqCatalog.load(Path.of("faq"));
    static final TrainingCalendar CALENDAR = FAQ.trainingCalendar();
    static final AnswerRenderer RENDERER = new AnswerRenderer(ZoneId.of("Asia/Seoul"), CALENDAR);
    /** The same sessions as if the office had confirmed them ('source: public'): these get live status. */
    static final TrainingCalendar CONFIRMED = FaqCatalog.load(TestContent.confirmedTrainingSessions()).trainingCalendar();

    static Instant at(String seoulTime) {
        return OffsetDateTime.parse(seoulTime + "+09:00").toInstant();
    }

    @Test
    void exampleSessionsShowTheirMarkedDatesButNoCountdownSeatsOrFull() {
        Instant now = at("2026-11-25T10:00:00");
        assertTrue(CALENDAR.sessions().stream().allMatch(TrainingSession::example));
        assertTrue(CALENDAR.upcomingPublic(now).isEmpty(), "example sessions get no calendar file");
        String ko = CALENDAR.describe(now, Language.KO, RENDERER, 3);
        assertTrue(ko.contains("배터리 안전·품질 관리 [예시]") && ko.contains("[예시] 수강 신청 기간 2026년 11월 20일 (금) 09:00 ~ 2027년 1월 22일 (금) 18:00"), ko);
        for (String live : List.of("D-", "잔여", "정원 마감", "마감까지", "아직 수강 신청 전")) {
            assertTrue(!ko.contains(live), live + " in " + ko);
        }
        String en = CALENDAR.describe(now, Language.EN, RENDERER, 3);
        assertTrue(en.contains("[Example] sign-up period") && !en.contains("seats") && !en.contains("full") && !en.contains("D-"), en);
    }

    @Test
    void sessionsAreReadSoonestFirstWithTheirStatus() {
        Instant now = at("2026-11-25T10:00:00");
        List<TrainingSession> ahead = CONFIRMED.upcoming(now);
        assertEquals(List.of("safety-2026-12", "process-2027-01", "field-2027-02"), ahead.stream().map(TrainingSession::id).toList());
        assertEquals(TrainingSession.Status.FULL, ahead.get(0).status(now));
        assertEquals(TrainingSession.Status.SIGNUP_NOT_OPEN, ahead.get(1).status(now));
        assertEquals(TrainingSession.Status.OPEN, ahead.get(2).status(now));
        assertEquals("process-2027-01", CONFIRMED.nextOpen(now).orElseThrow().id(), "a full session is not 'next'");

        String ko = CONFIRMED.describe(now, Language.KO, RENDERER, 3);
        assertTrue(ko.contains("배터리 안전·품질 관리") && ko.contains("정원 마감(20명)"), ko);
        assertTrue(ko.contains("아직 수강 신청 전입니다 (시작: 2026년 12월 1일 (화) 09:00)"), ko);
        // 2026-11-25 → 2027-01-22 is 58 calendar days in Seoul.
        assertTrue(ko.contains("수강 신청 마감까지 D-58 (2027년 1월 22일 (금) 18:00), 잔여 12석"), ko);
        String en = CONFIRMED.describe(now, Language.EN, RENDERER, 3);
        assertTrue(en.contains("full (20 seats)") && en.contains("12 seats left") && en.contains("Mon, 11 Jan 2027, 09:30 KST"), en);
    }

    @Test
    void deadlineDayRunningAndEndedSessions() {
        Instant lastDay = at("2027-01-04T17:00:00");
        String ko = CONFIRMED.describe(lastDay, Language.KO, RENDERER, 3);
        assertTrue(ko.contains("오늘 수강 신청 마감입니다 (D-Day, 2027년 1월 4일 (월) 18:00)"), ko);
        assertTrue(!ko.contains("배터리 안전"), "an ended session is not listed: " + ko);
        assertEquals(TrainingSession.Status.RUNNING, CONFIRMED.session("safety-2026-12").orElseThrow().status(at("2026-12-14T12:00:00")));
        assertEquals(TrainingSession.Status.SIGNUP_CLOSED,
                CONFIRMED.session("process-2027-01").orElseThrow().status(at("2027-01-05T09:00:00")));
        assertEquals("현재 예정된 교육이 없습니다.", CONFIRMED.describe(at("2027-03-01T00:00:00"), Language.KO, RENDERER, 3));
    }

    @Test
    void theScheduleAnswerRendersTheSessions() {
        String answer = RENDERER.render(FAQ.entry("training_schedule").orElseThrow(), Language.KO, at("2026-11-25T10:00:00"));
        assertTrue(answer.startsWith("[예시]") && answer.contains("• 이차전지 공정 실무") && !answer.contains("{sessions}"), answer);
        assertTrue(!answer.contains("D-") && !answer.contains("잔여"), answer);
    }

    @Test
    void noExampleAnswerCountsDownToAnExampleDeadline() {
        // 2026-12-02 is inside the example training sign-up window: a countdown would present it as a real deadline.
        Instant now = at("2026-12-02T10:00:00");
        for (Answer a : FAQ.answers().values()) {
            if ("example".equals(a.entry().source())) {
                for (Language language : Language.values()) {
                    String text = RENDERER.render(a.entry(), language, now);
                    assertTrue(!text.contains("D-"), a.id() + ": " + text);
                }
            }
        }
        String enrollment = RENDERER.render(FAQ.entry("training_enrollment").orElseThrow(), Language.KO, now);
        assertTrue(enrollment.contains("[예시] 수강 신청 기간: 2026년 12월 1일 (화) 09:00 ~ 2027년 1월 4일 (월) 18:00"), enrollment);
    }

    @Test
    void icsOffersAFiveDayCourseAsFiveDailyEventsAndRemindsOfTheSignUpDeadline() {
        TrainingSession s = CONFIRMED.session("process-2027-01").orElseThrow();
        String ics = CONFIRMED.ics(s, Language.KO, at("2026-11-25T10:00:00"));
        assertTrue(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.endsWith("END:VCALENDAR\r\n"), ics);
        // Mon 11 - Fri 15 January 2027, 09:30-17:30 in Seoul: the first day's hours, repeated on the working days
        // up to the last one (not one 104-hour event).
        assertTrue(ics.contains("\r\nDTSTART:20270111T003000Z\r\nDTEND:20270111T083000Z\r\n"
                + "RRULE:FREQ=DAILY;UNTIL=20270115T083000Z;BYDAY=MO,TU,WE,TH,FR\r\n"), ics);
        assertTrue(!ics.contains("DTEND:20270115"), ics);
        // The sign-up deadline (2027-01-04 18:00 KST) with a reminder the day before.
        assertTrue(ics.contains("\r\nDTEND:20270104T090000Z\r\n") && ics.contains("TRIGGER:-P1D") && ics.contains("수강 신청 마감"), ics);
        assertEquals(2, ics.split("BEGIN:VEVENT", -1).length - 1);
        assertTrue(ics.contains("SUMMARY:이차전지 공정 실무") && ics.contains("UID:process-2027-01@"), ics);
        for (String line : ics.split("\r\n")) {
            assertTrue(line.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 75, "folded: " + line);
        }
        assertEquals("a\\, b\\; c\\n", TrainingCalendar.escape("a, b; c\n"));
    }

    @Test
    void inconsistentSessionsAreRefusedAtLoad() {
        Path dir = TestContent.faqWith("training.yaml", "    taken: 6\n", "    taken: 26\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FaqCatalog.load(dir));
        assertTrue(e.getMessage().contains("process-2027-01") && e.getMessage().contains("taken"), e.getMessage());
        Path unsourced = TestContent.faqWith("training.yaml", "  - id: process-2027-01\n    source: example\n",
                "  - id: process-2027-01\n    source: public\n");
        IllegalArgumentException noSources = assertThrows(IllegalArgumentException.class, () -> FaqCatalog.load(unsourced));
        assertTrue(noSources.getMessage().contains("process-2027-01") && noSources.getMessage().contains("sources"), noSources.getMessage());
    }
}
