package kr.daejeon.battery.faq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ProgramThesaurusTest {

    @Test
    void theSameMoneyAndTheSameDocumentsAreSpelledOneWay() {
        assertEquals("지원금 나중에 갚아야 돼요", ProgramThesaurus.words("보조금 나중에 갚아야 돼요"));
        assertEquals("지원금 총액", ProgramThesaurus.words("사업비 총액"));
        assertEquals("서류 목록", ProgramThesaurus.words("구비서류 목록"));
        assertEquals("몇 개 회사 뽑아요", ProgramThesaurus.words("몇개 회사 뽑아요"));
    }

    @Test
    void formsOfHandingInBecomeSubmittingButOtherWordsWithTheSameSyllableStay() {
        assertEquals("원본 제출해야 해요", ProgramThesaurus.words("원본 내야 해요"));
        assertEquals("언제 제출하면 돼요", ProgramThesaurus.words("언제 내면 돼요"));
        assertEquals("제출할 서류", ProgramThesaurus.words("낼 서류"));
        assertEquals("내용 수정 내년 공고 내일", ProgramThesaurus.words("내용 수정 내년 공고 내일"));
        assertEquals("서류 보내도 돼요", ProgramThesaurus.words("서류 보내도 돼요"));
    }

    @Test
    void verbStemsStandForTheNounsTheVariantsUse() {
        assertEquals("선정", ProgramThesaurus.term("뽑"));
        assertEquals("선택", ProgramThesaurus.term("고르"));
        assertEquals("지원", ProgramThesaurus.term("지원"));
    }
}
