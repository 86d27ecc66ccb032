package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    private static final Pattern GRAPHEME = Pattern.compile("\\X");
    /** Pieces that must never be cut: an emoji (surrogate pair), a ZWJ family, a flag, a skin tone, e + combining acute, decomposed 한. */
    private static final List<String> ATOMS = List.of("😀", "👨‍👩‍👧", "🇰🇷", "👍🏽", "e\u0301", "\u1112\u1161\u11AB", "가", "a", " ", "\n");

    @Test
    void emojiAtTheLimitIsNotCutInHalf() {
        String text = "a".repeat(4095) + "😀" + "b";
        List<String> parts = TextSplitter.split(text, 4096);
        assertEquals(List.of("a".repeat(4095), "😀b"), parts);
        for (String p : parts) {
            assertFalse(Character.isHighSurrogate(p.charAt(p.length() - 1)), "a part ends in half an emoji");
        }
    }

    @Test
    void partsBreakAtLinesOrSpacesWhenThereAreAny() {
        String text = "첫 번째 문단입니다.\n두 번째 문단입니다.";
        assertEquals(List.of("첫 번째 문단입니다.", "두 번째 문단입니다."), TextSplitter.split(text, 15));
        assertEquals(List.of(), TextSplitter.split("", 10));
        assertEquals(List.of("짧은 글"), TextSplitter.split("짧은 글", 10));
    }

    @Test
    void headAndTailKeepWholeGraphemes() {
        assertEquals("ab", TextSplitter.head("ab😀", 3));
        assertEquals("ab😀", TextSplitter.head("ab😀", 4));
        assertEquals("c", TextSplitter.tail("🇰🇷c", 3), "half a flag is not kept");
        assertEquals("🇰🇷c", TextSplitter.tail("🇰🇷c", 5));
    }

    @Property(tries = 300)
    void partsRejoinToTheTextAndEndOnGraphemeBoundaries(@ForAll @IntRange(min = 1, max = 60) int pieces,
                                                        @ForAll @IntRange(min = 4, max = 40) int max,
                                                        @ForAll @StringLength(max = 3) String seed) {
        StringBuilder b = new StringBuilder();
        int h = seed.hashCode();
        for (int i = 0; i < pieces; i++) {
            h = h * 31 + i;
            b.append(ATOMS.get(Math.floorMod(h, ATOMS.size())));
        }
        String text = b.toString();
        List<String> parts = TextSplitter.split(text, max);
        StringBuilder rejoined = new StringBuilder();
        int at = 0;
        for (String p : parts) {
            long graphemes = GRAPHEME.matcher(p).results().count();
            assertTrue(p.length() <= max || graphemes == 1, "too long and more than one grapheme: " + p);
            int found = text.indexOf(p, at);
            assertTrue(found >= at, "parts keep the text's order");
            assertTrue(text.substring(at, found).isBlank(), "only the breaks between parts are dropped");
            assertTrue(isBoundary(text, found) && isBoundary(text, found + p.length()), "cut inside a grapheme: " + p);
            at = found + p.length();
            rejoined.append(p);
        }
        assertTrue(text.substring(at).isBlank());
        assertEquals(text.replaceAll("[ \n]", ""), rejoined.toString().replaceAll("[ \n]", ""));
    }

    private static boolean isBoundary(String text, int index) {
        if (index == 0 || index == text.length()) {
            return true;
        }
        var m = GRAPHEME.matcher(text);
        while (m.find()) {
            if (m.end() == index) {
                return true;
            }
            if (m.end() > index) {
                return false;
            }
        }
        return false;
    }
}
