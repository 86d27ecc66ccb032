package kr.daejeon.battery.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguagePolicyTest {

    @ParameterizedTest(name = "[{1}] \"{0}\" -> {2}")
    @CsvSource(delimiter = '|', value = {
            // Nothing with words: the conversation keeps its language, whichever it is.
            "kim@battery.co.kr | KO | KO",
            "kim@battery.co.kr | EN | EN",
            "제 메일은 kim@battery.co.kr 입니다 | KO | KO",
            "010-1234-5678 | KO | KO",
            "+82 42 123 4567 | EN | EN",
            "https://www.djtp.or.kr/board/notice?id=12 | KO | KO",
            "https://www.djtp.or.kr/board/notice?id=12 | EN | EN",
            "www.djtp.or.kr | KO | KO",
            "djtp.or.kr 에 공고가 있나요? | KO | KO",
            "123-45-67890 | KO | KO",
            "2026-03-04 | EN | EN",
            "12 | KO | KO",
            "?? | EN | EN",
            "😀👍 | KO | KO",
            // Acronyms and a single English term inside Korean do not switch a Korean conversation.
            "PDF | KO | KO",
            "OK | KO | KO",
            "HWP 파일도 되나요? | KO | KO",
            "deadline이 언제예요? | KO | KO",
            "deadline 언제예요? | KO | KO",
            "hi | KO | KO",
            // Keyboard noise and markup are not English (a cold test: both got English replies).
            "asdfqwer | KO | KO",
            "<script>alert(1)</script> | KO | KO",
            // Clearly English switches a Korean conversation.
            "When is the deadline? | KO | EN",
            "thanks | KO | EN",
            "Hello | KO | EN",
            "Can we apply? kim@battery.co.kr | KO | EN",
            "What is 선도기업? | KO | EN",
            // An English conversation stays English for English, mixed terms, and things without words.
            "What is 선도기업? | EN | EN",
            "선도기업 eligibility | EN | EN",
            "OK | EN | EN",
            "ok thanks | EN | EN",
            // Clearly Korean switches an English conversation.
            "신청 마감이 언제예요? | EN | KO",
            "deadline이 언제예요? | EN | KO",
            "네 | EN | KO",
            "감사합니다 | EN | KO",
    })
    void keepsTheLanguageUnlessTheMessageIsClearlyInTheOther(String text, Language current, Language expected) {
        assertEquals(expected, LanguagePolicy.decide(text, current));
    }

    @ParameterizedTest
    @CsvSource({"KO", "EN"})
    void emptyOrMissingTextKeepsTheLanguage(Language current) {
        assertEquals(current, LanguagePolicy.decide(null, current));
        assertEquals(current, LanguagePolicy.decide("   ", current));
    }
}
