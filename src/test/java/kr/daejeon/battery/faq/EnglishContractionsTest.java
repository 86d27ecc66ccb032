package kr.daejeon.battery.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import kr.daejeon.battery.nlu.TextNormalizer;
import org.junit.jupiter.api.Test;

/** Contractions as a cold tester types them, after the normaliser has turned the apostrophe into a space. */
class EnglishContractionsTest {

    private static String expand(String raw) {
        return EnglishContractions.expand(TextNormalizer.normalize(raw));
    }

    @Test
    void contractionsWithAndWithoutTheApostropheAreWrittenOut() {
        assertEquals("what is the deadline", expand("What's the deadline"));
        assertEquals("what is the deadline", expand("whats the deadline"));
        assertEquals("we are in busan can we apply", expand("we're in busan, can we apply?"));
        assertEquals("we do not have an office can not we apply", expand("we don't have an office, can't we apply?"));
        assertEquals("i am not sure it will not work", expand("I'm not sure it won't work"));
    }

    @Test
    void ordinaryWordsAndKoreanAreLeftAlone() {
        assertEquals("were you open well before", expand("were you open well before"));
        assertEquals("the company profile", expand("the company's profile"));
        assertEquals("마감 언제예요", expand("마감 언제예요"));
    }
}
