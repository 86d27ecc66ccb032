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
        assertTrue(a.startsWith("pbkdf2-sha256$600000$"));
        assertTrue(PasswordHasher.verify("correct horse".toCharArray(), a));
        assertFalse(PasswordHasher.verify("correct hors".toCharArray(), a));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "plain-text-password"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), "pbkdf2-sha256$abc$!!$??"));
        assertFalse(PasswordHasher.verify("x".toCharArray(), null));
    }

    @Test
    void olderWeakerHashesStillVerifyButAskToBeRegenerated() throws Exception {
        // A 210,000-iteration hash made before the raise, built the same way.
        byte[] salt = new byte[16];
        javax.crypto.spec.PBEKeySpec spec = new javax.crypto.spec.PBEKeySpec("old pass".toCharArray(), salt, 210_000, 256);
        byte[] key = javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String old = "pbkdf2-sha256$210000$" + b64.encodeToString(salt) + "$" + b64.encodeToString(key);
        assertTrue(PasswordHasher.verify("old pass".toCharArray(), old));
        assertTrue(PasswordHasher.needsRehash(old));
        assertFalse(PasswordHasher.needsRehash(PasswordHasher.hash("new pass".toCharArray())));
        assertTrue(PasswordHasher.needsRehash("plain-text-password"));
    }
}
