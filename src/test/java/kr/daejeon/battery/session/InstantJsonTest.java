package kr.daejeon.battery.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class InstantJsonTest {

    @Property(tries = 5000)
    void writesWhatInstantToStringWritesAndReadsItBack(@ForAll("instants") Instant t) {
        assertEquals(t.toString(), InstantJson.format(t));
        String text = t.toString();
        boolean fourDigitYear = Character.isDigit(text.charAt(0)) && text.charAt(4) == '-';
        assertEquals(fourDigitYear ? t : null, InstantJson.parse(text));
        assertEquals("\"" + t + "\"", JsonCodec.write(t));
        assertEquals(t, JsonCodec.read(JsonCodec.write(t), Instant.class));
    }

    @Provide
    Arbitrary<Instant> instants() {
        // Years 0000 to 9999 and beyond on both sides; nanos exact to the milli, the micro and the nano.
        Arbitrary<Long> seconds = Arbitraries.longs().between(-63_000_000_000L, 260_000_000_000L);
        Arbitrary<Integer> nanos = Arbitraries.oneOf(Arbitraries.just(0), Arbitraries.integers().between(0, 999).map(n -> n * 1_000_000),
                Arbitraries.integers().between(0, 999_999).map(n -> n * 1_000), Arbitraries.integers().between(0, 999_999_999));
        return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
    }

    @Test
    void otherShapesAreLeftToJavaTime() {
        assertNull(InstantJson.parse("2026-11-25T09:00:00+09:00"));
        assertNull(InstantJson.parse("2026-02-30T09:00:00Z"));
        assertNull(InstantJson.parse("2026-11-25T24:00:00Z"));
        assertNull(InstantJson.parse("2026-11-25T09:00:00.Z"));
        assertNull(InstantJson.parse("2026-11-25T09:00:00.1234567891Z"));
        assertNull(InstantJson.parse("２026-11-25T09:00:00Z"));
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), JsonCodec.read("\"2026-11-25T09:00:00+09:00\"", Instant.class));
        assertEquals(Instant.ofEpochMilli(1_764_000_000_123L), JsonCodec.read("1764000000.123", Instant.class));
        assertEquals(Instant.parse("2026-11-25T09:00:00.5Z"), JsonCodec.read("\"2026-11-25T09:00:00.5Z\"", Instant.class));
    }
}
