package kr.daejeon.battery.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.Test;

/** Deadline rendering at pinned clocks on both sides of every boundary, in Asia/Seoul. */
class AnswerRendererTest {

    private final AnswerRenderer renderer = new AnswerRenderer(ZoneId.of("Asia/Seoul"));
    private final DateWindow application = new DateWindow("application",
            OffsetDateTime.parse("2027-02-15T09:00:00+09:00"), OffsetDateTime.parse("2027-03-15T18:00:00+09:00"), null);
    private final DateWindow signup = new DateWindow("signup", OffsetDateTime.parse("2027-01-04T09:00:00+09:00"),
            OffsetDateTime.parse("2027-01-08T18:00:00+09:00"), new LocalizedText("교육 신청", "sign-up"));

    private static Instant kst(String local) {
        return OffsetDateTime.parse(local + "+09:00").toInstant();
    }

    private String ko(DateWindow w, String at) {
        return renderer.windowStatus(w, Language.KO, kst(at));
    }

    private String en(DateWindow w, String at) {
        return renderer.windowStatus(w, Language.EN, kst(at));
    }

    @Test
    void beforeOpening() {
        assertEquals("아직 접수 전입니다 (시작: 2027년 2월 15일 (월) 09:00)", ko(application, "2027-02-15T08:59:59"));
        assertEquals("The application period has not started yet (opens Mon, 15 Feb 2027, 09:00 KST)",
                en(application, "2027-02-15T08:59:59"));
    }

    @Test
    void openCountsCalendarDaysInSeoul() {
        assertEquals("접수 마감까지 D-28 (2027년 3월 15일 (월) 18:00)", ko(application, "2027-02-15T09:00:00"));
        assertEquals("접수 마감까지 D-12 (2027년 3월 15일 (월) 18:00)", ko(application, "2027-03-03T23:59:00"));
        assertEquals("접수 마감까지 D-11 (2027년 3월 15일 (월) 18:00)", ko(application, "2027-03-04T00:00:00"));
        assertEquals("접수 마감까지 D-1 (2027년 3월 15일 (월) 18:00)", ko(application, "2027-03-14T23:59:59"));
        assertEquals("D-12 to the application deadline (Mon, 15 Mar 2027, 18:00 KST)", en(application, "2027-03-03T10:00:00"));
    }

    @Test
    void utcMidnightDoesNotShiftTheDay() {
        // 2027-03-03T15:30Z is already 03-04 00:30 in Seoul: D-11, not D-12.
        assertEquals("접수 마감까지 D-11 (2027년 3월 15일 (월) 18:00)",
                renderer.windowStatus(application, Language.KO, Instant.parse("2027-03-03T15:30:00Z")));
    }

    @Test
    void closingDay() {
        assertEquals("오늘 접수 마감입니다 (D-Day, 2027년 3월 15일 (월) 18:00)", ko(application, "2027-03-15T00:00:00"));
        assertEquals("오늘 접수 마감입니다 (D-Day, 2027년 3월 15일 (월) 18:00)", ko(application, "2027-03-15T17:59:59"));
        assertEquals("The application deadline is today (D-Day, Mon, 15 Mar 2027, 18:00 KST)", en(application, "2027-03-15T12:00:00"));
    }

    @Test
    void closed() {
        assertEquals("접수가 마감되었습니다 (2027년 3월 15일 (월) 18:00)", ko(application, "2027-03-15T18:00:00"));
        assertEquals("접수가 마감되었습니다 (2027년 3월 15일 (월) 18:00)", ko(application, "2028-01-01T00:00:00"));
        assertEquals("The application period has closed (Mon, 15 Mar 2027, 18:00 KST)", en(application, "2027-03-15T18:00:01"));
    }

    @Test
    void nounAndParticleFollowTheWindow() {
        assertEquals("교육 신청이 마감되었습니다 (2027년 1월 8일 (금) 18:00)", ko(signup, "2027-01-09T00:00:00"));
        assertEquals("교육 신청 마감까지 D-2 (2027년 1월 8일 (금) 18:00)", ko(signup, "2027-01-06T10:00:00"));
        assertEquals("D-2 to the sign-up deadline (Fri, 8 Jan 2027, 18:00 KST)", en(signup, "2027-01-06T10:00:00"));
    }

    @Test
    void placeholdersInAnswersAreFilled() {
        FaqEntry entry = new FaqEntry("application_deadline", "example", new LocalizedText("기간", "Period"),
                new LocalizedText("{date:application.opens} ~ {date:application.closes}: {window:application}. 결과 {date:results}",
                        "{window:application}"),
                List.of(), List.of(), Map.of("application", application, "results",
                        new DateWindow("results", null, OffsetDateTime.parse("2027-04-01T01:00:00Z"), null)),
                false, List.of("dates"));
        assertEquals("2027년 2월 15일 (월) 09:00 ~ 2027년 3월 15일 (월) 18:00: 접수 마감까지 D-12 (2027년 3월 15일 (월) 18:00). 결과 2027년 4월 1일 (목) 10:00",
                renderer.render(entry, Language.KO, kst("2027-03-03T10:00:00")));
        assertEquals("The application period has closed (Mon, 15 Mar 2027, 18:00 KST)",
                renderer.render(entry, Language.EN, kst("2027-03-16T10:00:00")));
    }

    @Test
    void aClosingDayWithoutAPublicTimeShowsTheDateAlone() {
        // A cold test: "2026년 2월 12일 (목) 23:59" was stated as fact; the reports give only the day.
        DateWindow call = new DateWindow("application_2026", OffsetDateTime.parse("2026-01-28T00:00:00+09:00"),
                OffsetDateTime.parse("2026-02-12T23:59:00+09:00"), null);
        assertEquals("접수가 마감되었습니다 (2026년 2월 12일 (목))", ko(call, "2026-12-02T10:00:00"));
        assertEquals("The application period has closed (Thu, 12 Feb 2026)", en(call, "2026-12-02T10:00:00"));
        assertEquals("아직 접수 전입니다 (시작: 2026년 1월 28일 (수))", ko(call, "2026-01-20T10:00:00"));
    }
}
