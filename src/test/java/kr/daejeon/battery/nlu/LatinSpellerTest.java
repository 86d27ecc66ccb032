package kr.daejeon.battery.nlu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Set;
import org.junit.jupiter.api.Test;

class LatinSpellerTest {

    private final LatinSpeller speller = new LatinSpeller(Set.of("apply", "training", "deadline", "the", "hello",
            "certificate", "documents", "document"));

    @Test
    void oneSlipIsUndoneAgainstTheKnownWords() {
        assertArrayEquals(new String[] {"how", "to", "apply"}, speller.correct(new String[] {"how", "to", "aoply"})); // neighbour key
        assertArrayEquals(new String[] {"the", "training"}, speller.correct(new String[] {"the", "trainijg"}));
        assertArrayEquals(new String[] {"deadline"}, speller.correct(new String[] {"dealine"}));                   // a letter dropped
        assertArrayEquals(new String[] {"apply"}, speller.correct(new String[] {"appply"}));                      // a letter doubled
        assertArrayEquals(new String[] {"hello"}, speller.correct(new String[] {"hlelo"}));                       // two swapped
    }

    @Test
    void knownWordsShortWordsAmbiguityAndHangulAreLeftAlone() {
        String[] known = {"apply", "training"};
        assertSame(known, speller.correct(known));
        String[] shortWord = {"tne"};        // under four letters: too many words are one slip away
        assertSame(shortWord, speller.correct(shortWord));
        String[] unrelated = {"weather", "tomorrow"};
        assertSame(unrelated, speller.correct(unrelated));
        String[] hangul = {"신쳥"};
        assertSame(hangul, speller.correct(hangul));
        assertNull(new LatinSpeller(Set.of("carts", "cartz")).fix("cartx"));  // s and z are both next to x: no guess
        // Real words one slip from a known one are not bent into it, nor inflections of it.
        LatinSpeller near = new LatinSpeller(Set.of("hear", "find", "last", "support", "weekend", "founder", "plane"));
        for (String real : new String[] {"head", "fine", "least", "supports", "weekends", "founded", "plans"}) {
            assertNull(near.fix(real), real);
        }
    }
}
