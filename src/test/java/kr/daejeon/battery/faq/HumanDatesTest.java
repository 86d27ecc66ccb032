package kr.daejeon.battery.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HumanDatesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026-03-04T09:00 | 2026년 3월 4일 (수) 09:00 | Wed, 4 Mar 2026, 09:00",
            "2026-12-18T18:00 | 2026년 12월 18일 (금) 18:00 | Fri, 18 Dec 2026, 18:00",
            "2027-09-05T00:05 | 2027년 9월 5일 (일) 00:05 | Sun, 5 Sep 2027, 00:05",
            "2027-01-11T09:30 | 2027년 1월 11일 (월) 09:30 | Mon, 11 Jan 2027, 09:30",
    })
    void writesDatesAsPeopleDo(String local, String ko, String en) {
        ZonedDateTime t = java.time.LocalDateTime.parse(local).atZone(ZoneId.of("Asia/Seoul"));
        assertEquals(ko, HumanDates.dateTime(t, Language.KO));
        assertEquals(en, HumanDates.dateTime(t, Language.EN));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "2026 | 2026-12-07T09:00 | 12월 7일 (월) 09:00 | Mon, 7 Dec, 09:00",
            "2026 | 2027-01-04T09:00 | 2027년 1월 4일 (월) 09:00 | Mon, 4 Jan 2027, 09:00",
            "2027 | 2027-09-06T09:00 | 9월 6일 (월) 09:00 | Mon, 6 Sep, 09:00",
    })
    void leavesOutTheYearWhenItIsThisYear(int year, String local, String ko, String en) {
        ZonedDateTime t = java.time.LocalDateTime.parse(local).atZone(ZoneId.of("Asia/Seoul"));
        assertEquals(ko, HumanDates.dateTimeIn(year, t, Language.KO));
        assertEquals(en, HumanDates.dateTimeIn(year, t, Language.EN));
    }
}
