package kr.daejeon.battery.staff;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    @Test
    void saltedHashesVerifyOnlyTheRightPassword() {
        String a = PasswordHasher.hash("correct horse".toCharArray());
        String b = PasswordHasher.hash("correct horse".toCharArray());
        assertNotEquals(a, b, "salted");
        assertTrue(a.startsWith("pbkdf2-sha256$210000$"));
        assertTrue(PasswordHasher.verify("correct horse".toCharArray(), a));
        assertFalse(PasswordHasher.verify("correct hors".toCharArray(), a));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "plain-text-password"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "pbkdf2-sha256$abc$!!$??"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), null));
    }
}
