package kr.daejeon.battery.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.profile.CompanyProfile;
import kr.daejeon.battery.profile.CompanyProfileExtractor;
import org.junit.jupiter.api.Test;

/**
 * Numbers in the pre-check (issue 17 item 3): head counts and sales are echoed as understood, a
 * company corrects them in the same breath as its "no" ("아니요, 30명이에요"), and a founding year is
 * never read as a head count or as sales.
 */
class EligibilityNumbersTest {

    static final EligibilityFlow FLOW = EligibilityTableTest.FLOW;

    static String last(EligibilityFlow.Step s) {
        return EligibilityFlowTest.last(s).text();
    }

    /** The check at the employees question (4/5), after three tapped answers. */
    static EligibilityCheck atEmployees(Language language) {
        EligibilityCheck check = FLOW.start(language, EligibilityTableTest.NOW).check();
        List<String> taps = language == Language.KO ? List.of("공장", "중소기업", "소재") : List.of("Plant", "SME", "Materials");
        for (String tap : taps) {
            check = FLOW.answer(check, tap, language, EligibilityTableTest.NOW).check();
        }
        assertEquals(3, check.step());
        return check;
    }

    static EligibilityFlow.Step say(EligibilityCheck check, String text, Language language) {
        return FLOW.answer(check, text, language, EligibilityTableTest.NOW);
    }

    @Test
    void aHeadCountIsEchoedAndCorrectedWithTheNo() {
        EligibilityFlow.Step echo = say(atEmployees(Language.KO), "직원은 25명 정도예요", Language.KO);
        assertEquals("4/5. 상시 근로자가 25명이라고 이해했어요. 맞나요?", last(echo));
        EligibilityFlow.Step corrected = say(echo.check(), "아니요, 30명이에요", Language.KO);
        assertEquals("4/5. 상시 근로자가 30명이라고 이해했어요. 맞나요?", last(corrected));
        EligibilityFlow.Step bare = say(echo.check(), "아뇨 30", Language.KO);
        assertEquals("4/5. 상시 근로자가 30명이라고 이해했어요. 맞나요?", last(bare));
        EligibilityFlow.Step yes = say(corrected.check(), "네", Language.KO);
        assertEquals("30", yes.check().answers().get("employees"));
        assertTrue(last(yes).startsWith("5/5."), last(yes));
    }

    @Test
    void englishHeadCountsAreCorrectedToo() {
        EligibilityFlow.Step echo = say(atEmployees(Language.EN), "about 25 people", Language.EN);
        assertEquals("4/5. I understood that you have 25 employees. Is that right?", last(echo));
        EligibilityFlow.Step corrected = say(echo.check(), "No, we have 30 employees", Language.EN);
        assertEquals("4/5. I understood that you have 30 employees. Is that right?", last(corrected));
        EligibilityFlow.Step bare = say(echo.check(), "no, 30", Language.EN);
        assertEquals("4/5. I understood that you have 30 employees. Is that right?", last(bare));
    }

    @Test
    void salesAreEchoedAndCorrected() {
        EligibilityCheck check = say(atEmployees(Language.KO), "30~99명", Language.KO).check();
        EligibilityFlow.Step echo = say(check, "작년 매출이 40억 정도예요", Language.KO);
        assertEquals("5/5. 최근 연도 매출액이 약 40억 원이라고 이해했어요. 맞나요?", last(echo));
        EligibilityFlow.Step corrected = say(echo.check(), "아니요, 60억이에요", Language.KO);
        assertEquals("5/5. 최근 연도 매출액이 약 60억 원이라고 이해했어요. 맞나요?", last(corrected));
        EligibilityFlow.Step en = say(say(atEmployees(Language.EN), "30–99", Language.EN).check(), "about 4 billion won", Language.EN);
        assertEquals("5/5. I understood that your sales in the latest year were about 4.0 billion won. Is that right?", last(en));
        EligibilityFlow.Step enCorrected = say(en.check(), "No, 6 billion won", Language.EN);
        assertEquals("5/5. I understood that your sales in the latest year were about 6.0 billion won. Is that right?", last(enCorrected));
    }

    @Test
    void aFoundingYearIsNeverAHeadCountOrSales() {
        EligibilityFlow.Step employees = say(atEmployees(Language.KO), "2019년에 설립했고 직원은 12명이에요", Language.KO);
        assertEquals("4/5. 상시 근로자가 12명이라고 이해했어요. 맞나요?", last(employees));
        EligibilityFlow.Step yearOnly = say(atEmployees(Language.KO), "2019년 설립이에요", Language.KO);
        assertTrue(!last(yearOnly).contains("2019명"), last(yearOnly));
        EligibilityCheck atSales = say(atEmployees(Language.KO), "30~99명", Language.KO).check();
        EligibilityFlow.Step sales = say(atSales, "2019년 창업했고 매출은 15억이에요", Language.KO);
        assertEquals("5/5. 최근 연도 매출액이 약 15억 원이라고 이해했어요. 맞나요?", last(sales));
        CompanyProfile known = CompanyProfileExtractor.extract("We were founded in 2019, have 35 employees and a plant in Yuseong");
        assertEquals(35, known.employees());
        assertEquals(2019, known.foundedYear());
    }

    @Test
    void theFoundingYearGivenBeforeIsEchoedWithTheResult() {
        CompanyProfile known = CompanyProfileExtractor.extract("저희는 유성구에 공장이 있는 소재 중소기업이고 2019년에 설립했어요");
        EligibilityFlow.Step step = FLOW.start(known, Language.KO, EligibilityTableTest.NOW);
        for (String reply : List.of("네", "네", "네", "30~99명", "50억~100억 원 미만")) {
            step = say(step.check(), reply, Language.KO);
        }
        String result = last(step);
        assertTrue(result.contains("2019년에 설립"), result);
    }
}
