package kr.daejeon.battery;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Issue 18: {@code hash-password} refuses a password shorter than the account screen allows. */
class HashPasswordTest {

    private static char[] read(String stdin) throws Exception {
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return Main.readPassword();
        } finally {
            System.setIn(before);
        }
    }

    @Test
    void aShortPasswordIsRefusedAndALongOneRead() throws Exception {
        IllegalArgumentException shortOne = assertThrows(IllegalArgumentException.class, () -> read("short\n"));
        assertTrue(shortOne.getMessage().contains("at least 10"), shortOne.getMessage());
        assertThrows(IllegalArgumentException.class, () -> read("\n"));
        assertArrayEquals("대전배터리지원사업2026".toCharArray(), read("대전배터리지원사업2026\n"));
    }
}
