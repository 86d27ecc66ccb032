package kr.daejeon.battery.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Greetings, introductions and prefaces never decide; the part that asks does. */
class MessageStructureTest {

    @Test
    void theAskingPartIsWhatIsLeftAfterGreetingsAndIntroductions() {
        assertEquals("선도기업 신청 되나요?",
                MessageStructure.parse("안녕하세요, 저희는 대덕구 배터리 회사인데요, 선도기업 신청 되나요?").asking());
        assertEquals("유망기업 기준이 뭐예요",
                MessageStructure.parse("안녕하세요, 저는 이차전지 분리막 업체 담당자입니다. 궁금한 게 있어서요. 유망기업 기준이 뭐예요").asking());
        assertEquals("When do applications start?",
                MessageStructure.parse("Hello there, our company makes battery packs. I have a question. When do applications start?").asking());
        assertEquals("What time is the cutoff on the last day?",
                MessageStructure.parse("Good morning. I work for a battery equipment startup in Yuseong. What time is the cutoff on the last day?").asking());
    }

    @Test
    void aConditionAboutTheCompanyStaysWithTheQuestion() {
        // "없는데" is not an introduction: the question depends on it.
        assertEquals("대전에 본사가 없는데 신청 가능한가요?", MessageStructure.parse("대전에 본사가 없는데 신청 가능한가요?").asking());
        assertEquals("I'd prefer a real person", MessageStructure.parse("Good morning. I'd prefer a real person").asking());
    }

    @Test
    void onlySocialMessagesKeepTheirClosingWords() {
        assertEquals("감사합니다", MessageStructure.parse("안녕하세요 대덕구 배터리 팩 제조업체입니다. 감사합니다").asking());
        assertEquals("안녕하세요", MessageStructure.parse("안녕하세요").asking());
        assertTrue(MessageStructure.parse("Thank you very much").onlySocial());
    }

    @Test
    void twoThingsJoinedInOneQuestionAreTwoHalvesButAComparisonIsOne() {
        assertEquals(List.of("신청 기간", "제출 서류 알려주세요"), MessageStructure.coordinated("신청 기간이랑 제출 서류 알려주세요"));
        assertEquals(List.of("교육 언제", "어떻게 신청해요?"), MessageStructure.coordinated("교육 언제 하고 어떻게 신청해요?"));
        assertEquals(List.of("When is the deadline", "what documents do we need?"),
                MessageStructure.coordinated("When is the deadline and what documents do we need?"));
        assertEquals(List.of("선도기업이랑 유망기업 차이가 뭐예요?"), MessageStructure.coordinated("선도기업이랑 유망기업 차이가 뭐예요?"));
        assertEquals(List.of("Is the leading or the promising track better for us?"),
                MessageStructure.coordinated("Is the leading or the promising track better for us?"));
        assertEquals(List.of("신청 마감이 언제예요?"), MessageStructure.coordinated("신청 마감이 언제예요?"));
    }

    @Test
    void aComparisonIsSplitOnlyWhereBothHalvesAskOnTheirOwn() {
        assertEquals(List.of("What's the difference between leading and promising", "what's the period of the project?"),
                MessageStructure.coordinated("What's the difference between leading and promising, and what's the period of the project?"));
        assertEquals(List.of("선도랑 유망 동시에 신청할 수 있어요?"), MessageStructure.coordinated("선도랑 유망 동시에 신청할 수 있어요?"));
        assertEquals(List.of("선도기업과 유망기업은 뭐가 달라요?"), MessageStructure.coordinated("선도기업과 유망기업은 뭐가 달라요?"));
        assertEquals(List.of("제출 서류가 뭐가 있는지 알려주시고", "접수는 어디로 하나요?"),
                MessageStructure.coordinated("제출 서류가 뭐가 있는지 알려주시고, 접수는 어디로 하나요?"));
    }

    @Test
    void aClauseSayingWhatOneWondersAboutAsks() {
        assertEquals(2, MessageStructure.parse("배터리 아카데미 교육 내용이 궁금하고요, 문의는 어디로 하면 돼요?").questions().size());
    }

    @Test
    void twoQuestionsAreTwoClauses() {
        assertEquals(List.of("마감이 언제고", "서류는 뭐 내요?"), MessageStructure.parse("마감이 언제고 서류는 뭐 내요?").questions());
        assertEquals(2, MessageStructure.parse("신청 마감이 언제예요? 그리고 교육비는 얼마예요?").questions().size());
    }

    @Test
    void introductionsAreKeptForTheProfile() {
        assertEquals(List.of("저희는 유성구에 있는 양극재 업체인데요"),
                MessageStructure.parse("저희는 유성구에 있는 양극재 업체인데요, 자격이 되나요?").introductions());
    }

    @Test
    void yesAndNoAreOnlyBareReplies() {
        for (String yes : List.of("네", "네네", "예", "응", "좋아요", "부탁해요", "네 부탁드립니다", "yes", "Sure!", "yes please")) {
            assertEquals(YesNo.Reply.YES, YesNo.of(yes), yes);
        }
        for (String no : List.of("아니요", "아뇨 괜찮아요", "괜찮습니다", "no thanks", "No, it's fine", "nope")) {
            assertEquals(YesNo.Reply.NO, YesNo.of(no), no);
        }
        for (String other : List.of("네, 그런데 마감은 언제예요?", "신청 자격", "yes, but what documents do I need?", "")) {
            assertNull(YesNo.of(other), other);
        }
    }

    @Test
    void aFollowUpSwapsTheThingItNames() {
        assertEquals("유망기업은 얼마까지 지원돼요?", FollowUps.substitute("유망기업은요?", "선도기업은 얼마까지 지원돼요?"));
        assertEquals("How much does a leading company receive?",
                FollowUps.substitute("and for leading companies?", "How much does a promising company receive?")
                        .replace("leading companies", "leading company"));
        assertEquals("팩스 번호 알려주세요", FollowUps.substitute("팩스 번호는요?", "전화번호 알려주세요"));
        assertNull(FollowUps.substitute("교육비는 얼마예요?", "선도기업은 얼마까지 지원돼요?"));
        assertEquals("교육 신청 마감은 언제예요?", FollowUps.withTopic("그럼 마감은 언제예요?", "교육 신청"));
        assertTrue(FollowUps.elliptical("유망기업은요?") && FollowUps.elliptical("what about fax?"));
    }

    @Test
    void jamoDecompositionIsExact() {
        assertEquals("\u1109\u1175\u11ab\u110e\u1165\u11bc", Jamo.decompose("\uc2e0\uccad")); // 신청 → ᄉ ᅵ ᆫ ᄎ ᅥ ᆼ
        int[] p = Jamo.parts('청');
        assertEquals('청', Jamo.compose(p[0], p[1], p[2]));
        assertEquals("마감", Loanwords.canonical(TextNormalizer.normalize("데드라인")));
        assertEquals("코스닥 마감", Loanwords.canonical(TextNormalizer.normalize("코스닥 데드라인")));
    }

    @Test
    void phoneStyleEndingsAskAndACompanySayingWhatItIsIntroducesItself() {
        // "…제조업체예요." was read as the question and "신청 마감 언제에요" as a statement.
        MessageStructure.Parsed p = MessageStructure.parse("좋은 아침입니다. 동구에서 배터리 부품 가공하는 제조업체예요. 신청 마감 언제에요");
        assertEquals("신청 마감 언제에요", p.asking());
        assertEquals(List.of("신청 마감 언제에요"), p.questions());
        assertEquals(List.of("중복 신청 되나여"), MessageStructure.parse("중복 신청 되나여").questions());
        // A sentence end typed without a space still ends the sentence.
        assertEquals(List.of("교육 단체 신청 되나요?"), MessageStructure.parse("안녕하세요.교육 단체 신청 되나요?").questions());
    }
}
