package kr.daejeon.battery.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SlipCorrectorTest {

    // Syllable pairs as the features see them: "교육 신청 자격" joined is 교육신청자격.
    private final SlipCorrector slips = new SlipCorrector(Set.of("교육", "육신", "신청", "청자", "자격"));

    @Test
    void aSlippedVowelOrFinalIsRestoredFromTheKnownPairs() {
        assertArrayEquals(new String[] {"교육", "신청"}, slips.correct(new String[] {"겨육", "신청"})); // vowel
        assertArrayEquals(new String[] {"신청", "자격"}, slips.correct(new String[] {"신청", "자격"}));
        assertArrayEquals(new String[] {"신청자격"}, slips.correct(new String[] {"신청재격"}));        // vowel, inside a word
        assertArrayEquals(new String[] {"교육", "신청"}, slips.correct(new String[] {"교육", "신청"}));
        assertArrayEquals(new String[] {"교육"}, slips.correct(new String[] {"교욱"}));                // final
    }

    @Test
    void knownTextUnknownWordsAndAmbiguousFixesAreLeftAlone() {
        String[] known = {"교육", "신청"};
        assertSame(known, slips.correct(known));
        String[] unrelated = {"날씨", "어때요"};
        assertSame(unrelated, slips.correct(unrelated));
        // Two syllables one slip away would both fit: no guess.
        SlipCorrector two = new SlipCorrector(Set.of("가나", "거나"));
        String[] either = {"개나"};
        assertSame(either, two.correct(either));
        String[] latin = {"deadline"};
        assertSame(latin, slips.correct(latin));
    }
}
