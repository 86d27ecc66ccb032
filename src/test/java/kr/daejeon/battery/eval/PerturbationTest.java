package kr.daejeon.battery.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.Test;

/** The perturbations are realistic (keyboard neighbours, real openers) and repeat exactly for a seed. */
class PerturbationTest {

    static final String DUBEOLSIK_KEYS = "qwertyuiopasdfghjklzxcvbnm";
    static final String DUBEOLSIK_JAMO = "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡ";
    static final String MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ";
    static final String FINALS = "\0ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

    @Test
    void neighboursAreTheKeysAroundAKey() {
        assertEquals(List.of('i', 'o', 'j', 'l', 'm'), TypingSlips.neighbours('k'));
        assertEquals(List.of('w', 'a'), TypingSlips.neighbours('q'));
        assertEquals(List.of('a', 's', 'x'), TypingSlips.neighbours('z'));
        assertEquals(List.of(), TypingSlips.neighbours('1'));
    }

    @Test
    void aJamoSlipChangesTheVowelOrTheFinalToANeighbouringKey() {
        assertTrue(TypingSlips.syllableSlips('청').contains('창'), "ㅓ (j) next to ㅏ (k)");
        assertTrue(TypingSlips.syllableSlips('접').contains('점'), "final ㅂ (q) next to ㅁ (a)");
        assertEquals(List.of(), TypingSlips.syllableSlips('a'));
        assertEquals(List.of(), TypingSlips.syllableSlips('ㄱ'), "a lone jamo is not a syllable");
        for (char syllable : "신청서류마감교육담당자워크숍".toCharArray()) {
            for (char slip : TypingSlips.syllableSlips(syllable)) {
                int[] a = decompose(syllable);
                int[] b = decompose(slip);
                assertEquals(a[0], b[0], "the initial consonant stays: " + syllable + "→" + slip);
                boolean vowel = a[1] != b[1];
                boolean fin = a[2] != b[2];
                assertTrue(vowel ^ fin, "exactly one of vowel and final changes: " + syllable + "→" + slip);
                char from = vowel ? MEDIALS.charAt(a[1]) : FINALS.charAt(a[2]);
                char to = vowel ? MEDIALS.charAt(b[1]) : FINALS.charAt(b[2]);
                char key = DUBEOLSIK_KEYS.charAt(DUBEOLSIK_JAMO.indexOf(from));
                char near = DUBEOLSIK_KEYS.charAt(DUBEOLSIK_JAMO.indexOf(to));
                assertTrue(TypingSlips.neighbours(key).contains(near), syllable + "→" + slip);
            }
        }
        // 워: a compound vowel (two keys) and no final, so nothing can slip.
        assertEquals(List.of(), TypingSlips.syllableSlips('워'));
    }

    @Test
    void oneSyllableSlipsAndTheSameSeedSlipsTheSameOne() {
        String text = "교육 신청 마감이 언제예요?";
        String slipped = Perturbation.TYPO.apply(text, Language.KO, 42);
        assertEquals(text.length(), slipped.length());
        int changed = 0;
        for (int i = 0; i < text.length(); i++) {
            changed += text.charAt(i) != slipped.charAt(i) ? 1 : 0;
        }
        assertEquals(1, changed, slipped);
        assertEquals(slipped, Perturbation.TYPO.apply(text, Language.KO, 42));
        Set<String> seen = new HashSet<>();
        for (long seed = 0; seed < 20; seed++) {
            seen.add(Perturbation.TYPO.apply(text, Language.KO, seed));
        }
        assertTrue(seen.size() > 5, "the seed moves the slip: " + seen);
        assertEquals("OK", TypingSlips.hangulSlip("OK", new Random(1)), "nothing to slip: unchanged");
    }

    @Test
    void anEnglishSlipIsOneNeighbouringLetterWithItsCase() {
        String text = "When is the Deadline?";
        for (long seed = 0; seed < 30; seed++) {
            String slipped = Perturbation.TYPO.apply(text, Language.EN, seed);
            int at = -1;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) != slipped.charAt(i)) {
                    assertEquals(-1, at, "one letter only: " + slipped);
                    at = i;
                }
            }
            assertTrue(at >= 0, slipped);
            char from = text.charAt(at);
            char to = slipped.charAt(at);
            assertEquals(Character.isUpperCase(from), Character.isUpperCase(to), slipped);
            assertTrue(TypingSlips.neighbours(Character.toLowerCase(from)).contains(Character.toLowerCase(to)), slipped);
        }
    }

    @Test
    void openersAreRealisticStatementsPrefixedByTheSeed() {
        for (Language language : Language.values()) {
            List<String> openers = Openers.of(language);
            assertTrue(openers.size() >= 15, language + ": " + openers.size());
            assertEquals(openers.size(), new HashSet<>(openers).size(), "no opener twice");
            for (String o : openers) {
                assertFalse(o.contains("?"), "an opener never asks anything: " + o);
                assertTrue(o.endsWith(" "), "an opener leads into the question: '" + o + "'");
            }
        }
        String question = "When is the deadline?";
        String opened = Perturbation.OPENER.apply(question, Language.EN, 7);
        assertTrue(opened.endsWith(question) && Openers.EN.contains(opened.substring(0, opened.length() - question.length())),
                opened);
        assertEquals(opened, Perturbation.OPENER.apply(question, Language.EN, 7));
        Set<String> used = new HashSet<>();
        for (EvalQuestion q : FrozenEvalSet.load(Path.of(FrozenEvalSetTest.FIXTURE)).questions(Language.KO)) {
            String o = Perturbation.OPENER.apply(q.text(), Language.KO, 42);
            used.add(o.substring(0, o.length() - q.text().length()));
        }
        assertTrue(used.size() >= 4, "questions get different openers: " + used);
        assertTrue(Openers.KO.containsAll(used));
    }

    @Test
    void noOpenerGoesInFrontOfOneOrOfAGreeting() {
        for (Language language : Language.values()) {
            for (String o : Openers.of(language)) {
                assertTrue(Openers.opensWithOne(o + "신청 방법 알려 주세요", language), "recognised: " + o);
            }
        }
        assertTrue(Openers.opensWithOne("대덕구에서 전해액 첨가제 만드는 회사입니다. 마감이 언제예요?", Language.KO));
        assertFalse(Openers.opensWithOne("아직 신청 받나요? 안녕하세요", Language.KO), "only the start counts");
        assertFalse(Openers.opensWithOne("저희 같은 재활용 업체도 되나요?", Language.KO));
        assertTrue(Openers.opensWithOne("Good afternoon, when is the deadline?", Language.EN));
        assertTrue(Openers.opensWithOne("Quick question, I'm calling from a pack maker. Who do I call?", Language.EN));
        assertFalse(Openers.opensWithOne("History of the program?", Language.EN), "'hi' only as a word");
        EvalQuestion opened = new EvalQuestion("안녕하세요, 저희는 양극재 업체인데요, 마감이 언제예요?", Language.KO,
                List.of("application_deadline"), "q:1");
        assertFalse(Perturbation.OPENER.appliesTo(opened));
        assertTrue(Perturbation.TYPO.appliesTo(opened));
        assertFalse(Perturbation.OPENER.appliesTo(new EvalQuestion("고마워요 안녕히 계세요", Language.KO, List.of("goodbye"), "q:2")),
                "an opener goes in front of a question, not a goodbye");
        assertTrue(Perturbation.OPENER.appliesTo(opened.withText("마감이 언제예요?")));
        assertFalse(Perturbation.NO_SPACES.appliesTo(new EvalQuestion("When?", Language.EN, List.of("application_deadline"), "q:3")));
    }

    @Test
    void spacesAreRemovedOnlyWhereThatIsHowPeopleWrite() {
        assertEquals("신청방법알려주세요", Perturbation.NO_SPACES.apply("신청 방법 알려  주세요", Language.KO, 1));
        assertTrue(Perturbation.NO_SPACES.appliesTo(Language.KO));
        assertFalse(Perturbation.NO_SPACES.appliesTo(Language.EN));
        assertEquals("jamo slip", Perturbation.TYPO.label(Language.KO));
        assertEquals("letter slip", Perturbation.TYPO.label(Language.EN));
        assertNotEquals(Perturbation.PLAIN.apply("a b", Language.KO, 1), Perturbation.NO_SPACES.apply("a b", Language.KO, 1));
    }

    private static int[] decompose(char syllable) {
        int index = syllable - 0xAC00;
        return new int[] {index / (21 * 28), index / 28 % 21, index % 28};
    }
}
