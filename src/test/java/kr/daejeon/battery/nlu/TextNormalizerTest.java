package kr.daejeon.battery.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TextNormalizerTest {

    @Test
    void foldsWidthCasePunctuationEmojiAndRepeats() {
        assertEquals("deadline이 언제예요", TextNormalizer.normalize("  ＤＥＡＤＬＩＮＥ이 언제예요???!!! 😀😀 "));
        assertEquals(TextNormalizer.normalize("감사합니다ㅋㅋ"), TextNormalizer.normalize("감사합니다ㅋㅋㅋㅋㅋㅋ"));
        assertEquals("soo good", TextNormalizer.normalize("Soooooo GOOD!!!"));
        assertEquals("a b", TextNormalizer.normalize("a\u0000\u0007b"));
        assertEquals("", TextNormalizer.normalize("😀 !!! ..."));
        assertEquals("", TextNormalizer.normalize(null));
    }

    @Test
    void longInputIsBounded() {
        assertTrue(TextNormalizer.normalize("가나다 ".repeat(10_000)).length() <= TextNormalizer.MAX_CHARS);
    }

    @Test
    void languageFollowsTheMessage() {
        assertEquals(Language.KO, LanguageDetector.detect("deadline이 언제예요?", Language.EN));
        assertEquals(Language.EN, LanguageDetector.detect("When is the deadline?", Language.KO));
        assertEquals(Language.EN, LanguageDetector.detect("Is 선도기업 for big companies?", Language.KO));
        assertEquals(Language.KO, LanguageDetector.detect("KAIST 연구소랑 연결해 주세요", Language.EN));
        assertEquals(Language.EN, LanguageDetector.detect("👍 123", Language.EN));
        assertEquals(Language.KO, LanguageDetector.detect("", Language.KO));
    }
}
