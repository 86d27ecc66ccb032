package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Contact details as a customer types them: a typo in an address is refused whole, and both details are kept. */
class ContactDetailsTest {

    @Test
    void aMalformedAddressIsNotTakenForTheValidPartOfIt() {
        for (String typo : new String[] {"kim..lee@example.com", ".kim@example.com", "kim.@example.com", "kim@-example.com",
                "kim@example-.com", "kim@example.com1", "kim@@example.com", "a@b@example.com", "kim@example..com",
                "kim@example.com@other.org", "kim@exa_mple.com"}) {
            assertEquals(Optional.empty(), ContactDetails.find("메일은 " + typo + " 입니다"), typo);
        }
        assertEquals(Optional.of("kim.lee+battery@mail.example.co.kr"),
                ContactDetails.find("kim.lee+battery@mail.example.co.kr 로 주세요."), "a sentence's full stop ends it");
    }

    @Test
    void anAddressAndAPhoneNumberInOneMessageAreBothKept() {
        Optional<String> both = ContactDetails.find("메일 kim@example.co.kr, 전화 010-1234-5678 입니다");
        assertEquals(Optional.of("kim@example.co.kr, 010-1234-5678"), both);
        assertEquals(Optional.of("kim@example.co.kr"), ContactDetails.emailOf(both.get()));
        assertEquals(Optional.of("kim@example.co.kr, 010-1234-5678"), ContactDetails.find("010 1234 5678 / kim@example.co.kr"));
        assertEquals(Optional.empty(), ContactDetails.emailOf("010-1234-5678"));
        assertTrue(ContactDetails.isEmail("kim@example.co.kr"));
    }
}
