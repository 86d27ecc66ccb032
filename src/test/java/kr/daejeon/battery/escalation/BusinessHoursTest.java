package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BusinessHoursTest {

    private final BusinessHours hours = BusinessHours.parse("MON-FRI 09:00-18:00", "2027-03-01", ZoneId.of("Asia/Seoul"));

    private static Instant kst(String local) {
        return OffsetDateTime.parse(local + "+09:00").toInstant();
    }

    @Test
    void openOnWorkingDaysBetweenOpeningAndClosing() {
        assertTrue(hours.isOpen(kst("2027-03-02T09:00:00")));
        assertTrue(hours.isOpen(kst("2027-03-02T17:59:59")));
        assertFalse(hours.isOpen(kst("2027-03-02T08:59:59")));
        assertFalse(hours.isOpen(kst("2027-03-02T18:00:00")));
        assertFalse(hours.isOpen(kst("2027-03-06T10:00:00")), "Saturday");
        assertFalse(hours.isOpen(kst("2027-03-01T10:00:00")), "public holiday");
    }

    @Test
    void nextOpeningSkipsNightsWeekendsAndHolidays() {
        assertEquals("2027-03-03T09:00+09:00[Asia/Seoul]", hours.nextOpening(kst("2027-03-02T19:00:00")).toString());
        assertEquals("2027-03-02T09:00+09:00[Asia/Seoul]", hours.nextOpening(kst("2027-03-02T07:00:00")).toString());
        // Friday evening → Monday is a holiday (2027-03-01 is not, but test a Friday before a holiday Monday).
        BusinessHours withHoliday = BusinessHours.parse("MON-FRI 09:00-18:00", "2027-03-08", ZoneId.of("Asia/Seoul"));
        assertEquals("2027-03-09T09:00+09:00[Asia/Seoul]", withHoliday.nextOpening(kst("2027-03-05T18:30:00")).toString());
        // A UTC instant late on Monday is already Tuesday morning in Seoul.
        assertEquals("2027-03-02T09:00+09:00[Asia/Seoul]", hours.nextOpening(Instant.parse("2027-03-01T22:00:00Z")).toString());
    }

    @Test
    void badSpecificationsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("weekdays", "", ZoneId.of("Asia/Seoul")));
        assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("MON-FRI 18:00-09:00", "", ZoneId.of("Asia/Seoul")));
        assertThrows(IllegalArgumentException.class, () -> BusinessHours.parse("MON-FRI 09:00-18:00", "2027-13-01", ZoneId.of("Asia/Seoul")));
        assertTrue(BusinessHours.parse("MON-SUN 00:00-24:00", "", ZoneId.of("Asia/Seoul")).isOpen(kst("2027-03-07T23:59:59")));
    }

    @Test
    void contactDetailsAreRecognised() {
        assertEquals(Optional.of("kim@example.co.kr"), ContactDetails.find("메일은 kim@example.co.kr 입니다"));
        assertEquals(Optional.of("010-1234-5678"), ContactDetails.find("010-1234-5678로 연락 주세요"));
        assertEquals(Optional.of("01012345678"), ContactDetails.find("01012345678"));
        assertEquals(Optional.of("042-123-4567"), ContactDetails.find("사무실 042-123-4567"));
        assertTrue(ContactDetails.find("제 메일은 kim@ 입니다").isEmpty());
        assertTrue(ContactDetails.find("12345").isEmpty());
        assertTrue(ContactDetails.find("언제 연락 주시나요").isEmpty());
    }
}
