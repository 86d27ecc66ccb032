package kr.daejeon.battery.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class PiiMaskerTest {

    @Test
    void phoneNumbersInEveryCommonShape() {
        assertEquals("연락처 [phone] 입니다", PiiMasker.mask("연락처 010-1234-5678 입니다"));
        assertEquals("[phone]로 주세요", PiiMasker.mask("01012345678로 주세요"));
        assertEquals("call [phone]", PiiMasker.mask("call +82 10 1234 5678"));
        assertEquals("call [phone]", PiiMasker.mask("call +82-10-1234-5678"));
        assertEquals("사무실 [phone]", PiiMasker.mask("사무실 042-123-4567"));
        assertEquals("서울 [phone]", PiiMasker.mask("서울 02-1234-5678"));
        assertEquals("[phone]", PiiMasker.mask("010.1234.5678"));
    }

    @Test
    void emailAndRegistrationNumbers() {
        assertEquals("메일 [email] 로", PiiMasker.mask("메일 kim.minsu+bat@example.co.kr 로"));
        assertEquals("사업자 [brn]", PiiMasker.mask("사업자 123-45-67890"));
        assertEquals("주민 [rrn]", PiiMasker.mask("주민 900101-1234567"));
    }

    @Test
    void secrets() {
        assertEquals("Authorization: Bearer [secret]", PiiMasker.mask("Authorization: Bearer abcDEF123456789_-xyz"));
        assertEquals("https://api.telegram.org/bot[secret]/sendMessage",
                PiiMasker.mask("https://api.telegram.org/bot123456:ABCdefGHIjklMNOpqrSTUvwx/sendMessage"));
        assertEquals("redis://default:***@cache:6379", PiiMasker.mask("redis://default:s3cret@cache:6379"));
    }

    @Test
    void unusualButValidShapes() {
        assertEquals("([phone]", PiiMasker.mask("(02)1234-5678"));
        assertEquals("tel:[phone]", PiiMasker.mask("tel:0212345678"));
        assertEquals("BEARER [secret]", PiiMasker.mask("BEARER abcdefgh12345"));
        assertEquals("a\t[phone]", PiiMasker.mask("a\t010 1234\t5678"));
    }

    /** Issue 20 #12: numbers from abroad, addresses with non-ASCII domains, card numbers and RRN variants. */
    @Test
    void internationalNumbers() {
        assertEquals("call [phone] now", PiiMasker.mask("call +1 415 555 0100 now"));
        assertEquals("tel [phone]", PiiMasker.mask("tel +82 10-1234-5678"));
        assertEquals("[phone]", PiiMasker.mask("+44 20 7946 0958"));
        assertEquals("[phone]", PiiMasker.mask("+49-30-901820"));
        assertEquals("[phone]", PiiMasker.mask("+81 (3) 1234-5678"));
        assertEquals("version +1 2", PiiMasker.mask("version +1 2"), "a short figure after + is no phone number");
    }

    @Test
    void internationalisedEmail() {
        assertEquals("메일 [email] 로", PiiMasker.mask("메일 홍길동@대전.한국 로"));
        assertEquals("to [email]", PiiMasker.mask("to user@bücher.de"));
        assertEquals("[email]", PiiMasker.mask("müller.jörg@exämple.com"));
    }

    @Test
    void cardNumbersThatPassLuhn() {
        assertEquals("card [card]", PiiMasker.mask("card 4111 1111 1111 1111"));
        assertEquals("카드 [card] 입니다", PiiMasker.mask("카드 5500-0000-0000-0004 입니다"));
        assertEquals("[card]", PiiMasker.mask("378282246310005"));
        assertEquals("order 4111111111111112", PiiMasker.mask("order 4111111111111112"), "fails Luhn: not a card");
    }

    @Test
    void residentRegistrationNumbersInOtherSpellings() {
        assertEquals("주민 [rrn]", PiiMasker.mask("주민 900101 1234567"));
        assertEquals("주민 [rrn]", PiiMasker.mask("주민 9001011234567"));
        assertEquals("[rrn]", PiiMasker.mask("021231-4123456"));
    }

    /** The shortcut that skips rules must never change the result of applying every rule. */
    @Property(tries = 3000)
    void skippingRulesNeverChangesTheResult(@ForAll("logLike") String line) {
        assertEquals(PiiMasker.maskWithEveryRule(line), PiiMasker.mask(line));
    }

    @Provide
    Arbitrary<String> logLike() {
        Arbitrary<String> pieces = Arbitraries.of("0", "1", "2", "5", "8", "9", "82", "010", "02", "042", "1234", "5678",
                "67890", "900101", "-", ".", ")", "(", " ", "\t", "+", "@", ":", "/", "//", "bot", "Bearer ", "bearer\t",
                "a", "Z", "_", "example.com", "x", "=", "가", "연락처 ", "+1 ", "415", "4111", "ü", "대전.한국", "9001011234567");
        return pieces.list().ofMinSize(0).ofMaxSize(30).map(l -> String.join("", l));
    }

    @Test
    void ordinaryLogTextIsLeftAlone() {
        String line = "turn conversation=Xk01012345678abcdEFGH intent=application_deadline confidence=0.93 handoff=false ms=3 "
                + "at 2026-11-25T09:00:00+09:00 id=1024 ticket=T7c2";
        assertEquals(line, PiiMasker.mask(line));
        assertEquals("", PiiMasker.mask(""));
        assertEquals(null, PiiMasker.mask(null));
    }
}
