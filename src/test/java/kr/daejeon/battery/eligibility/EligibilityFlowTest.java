package kr.daejeon.battery.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.profile.CompanyProfile;
import kr.daejeon.battery.profile.CompanyProfileExtractor;
import kr.daejeon.battery.session.JsonCodec;
import org.junit.jupiter.api.Test;

/** The pre-check's conversation: echoes, corrections, side questions, known facts, the cited result. */
class EligibilityFlowTest {

    static final EligibilityFlow FLOW = EligibilityTableTest.FLOW;
    static final Instant NOW = EligibilityTableTest.NOW;

    static Message last(EligibilityFlow.Step step) {
        return step.replies().get(step.replies().size() - 1);
    }

    static EligibilityFlow.Step started(Language language) {
        return FLOW.start(language, NOW);
    }

    @Test
    void aFreeAnswerIsEchoedAndCountsOnlyAfterYes() {
        EligibilityCheck check = started(Language.KO).check();
        EligibilityFlow.Step echo = FLOW.answer(check, "본사는 서울이고 공장은 유성구에 있어요", Language.KO, NOW);
        assertEquals("1/5. 대전 유성구에 공장이 있고 본사는 대전 밖에 있다고 이해했어요. 맞나요?", last(echo).text());
        assertEquals(List.of("네", "아니요", "그만하기"), last(echo).quickReplies());
        assertEquals(0, echo.check().step(), "not yet counted");
        EligibilityFlow.Step yes = FLOW.answer(echo.check(), "맞아요", Language.KO, NOW);
        assertEquals("plant", yes.check().answers().get("location"));
        assertTrue(last(yes).text().startsWith("2/5."), last(yes).text());
    }

    @Test
    void noAsksAgainAndACorrectionIsTheNewAnswer() {
        EligibilityCheck check = started(Language.KO).check();
        EligibilityFlow.Step echo = FLOW.answer(check, "공장 있어요", Language.KO, NOW);
        assertEquals("1/5. 대전에 공장이 있다고 이해했어요. 맞나요?", last(echo).text());
        EligibilityFlow.Step no = FLOW.answer(echo.check(), "아니요", Language.KO, NOW);
        assertTrue(last(no).text().startsWith("1/5. 대전에 어떤 사업장이 있나요?"), last(no).text());
        assertNull(no.check().pending());
        EligibilityFlow.Step corrected = FLOW.answer(FLOW.answer(no.check(), "공장 있어요", Language.KO, NOW).check(),
                "아니요, 공장은 세종에 있어요", Language.KO, NOW);
        assertEquals("1/5. 대전에는 사업장이 없고 세종에 있다고 이해했어요. 맞나요?", last(corrected).text());
        EligibilityFlow.Step done = FLOW.answer(corrected.check(), "네", Language.KO, NOW);
        assertFalse(FLOW.inProgress(done.check()), "nothing in Daejeon: no track can fit, the result comes at once");
        assertTrue(last(done).text().contains("어느 트랙에도 해당하지 않을 가능성이 큽니다"), last(done).text());
    }

    @Test
    void aTappedButtonNeedsNoEcho() {
        EligibilityFlow.Step step = FLOW.answer(started(Language.KO).check(), "공장", Language.KO, NOW);
        assertEquals("plant", step.check().answers().get("location"));
        assertTrue(last(step).text().startsWith("2/5."));
        EligibilityFlow.Step en = FLOW.answer(started(Language.EN).check(), "Move to Daejeon confirmed", Language.EN, NOW);
        assertEquals("relocation_confirmed", en.check().answers().get("location"));
    }

    @Test
    void englishEchoes() {
        EligibilityFlow.Step echo = FLOW.answer(started(Language.EN).check(), "Our HQ is in Seoul and the plant is in Yuseong", Language.EN, NOW);
        assertEquals("1/5. I understood that you have a plant in Yuseong-gu, Daejeon, and your head office is outside Daejeon. Is that right?",
                last(echo).text());
        EligibilityFlow.Step seoul = FLOW.answer(started(Language.EN).check(), "our HQ is in Sejong", Language.EN, NOW);
        assertEquals("1/5. I understood that you have nothing in Daejeon (you named Sejong). Is that right?", last(seoul).text());
        assertEquals(List.of("Yes", "No", "Move to Daejeon confirmed", "Planning to move to Daejeon", "Stop the check"), last(seoul).quickReplies());
    }

    @Test
    void nothingInDaejeonKeepsTheRelocationRepliesAndTheResultShowsTheClause() {
        EligibilityFlow.Step echo = FLOW.answer(started(Language.KO).check(), "대전에는 아무것도 없어요", Language.KO, NOW);
        assertEquals("none", echo.check().pending());
        assertEquals(List.of("네", "아니요", "대전 이전 확정", "대전 이전 예정", "그만하기"), last(echo).quickReplies());
        for (String none : List.of("없어요", "대전엔 없습니다")) {
            assertEquals(last(echo).quickReplies(), last(FLOW.answer(started(Language.KO).check(), none, Language.KO, NOW)).quickReplies(), none);
        }
        assertEquals(List.of("Yes", "No", "Move to Daejeon confirmed", "Planning to move to Daejeon", "Stop the check"),
                last(FLOW.answer(started(Language.EN).check(), "none", Language.EN, NOW)).quickReplies());
        EligibilityFlow.Step moving = FLOW.answer(echo.check(), "대전 이전 예정", Language.KO, NOW);
        assertEquals("relocation_planned", moving.check().answers().get("location"), "the tapped relocation answer replaces the echo");
        EligibilityFlow.Step done = FLOW.answer(echo.check(), "네", Language.KO, NOW);
        String result = last(done).text();
        assertTrue(result.contains("✗ 대전에 본사·공장·연구소·지사 중 하나 이상") && result.contains("신청 마감 전에 대전 이전이 확정되면")
                && result.contains("2024년 공고"), result);
    }

    /** Taps the buttons in order; the last step (the result). */
    static EligibilityFlow.Step tapped(Language language, String... taps) {
        EligibilityFlow.Step step = started(language);
        for (String tap : taps) {
            step = FLOW.answer(step.check(), tap, language, NOW);
        }
        return step;
    }

    @Test
    void exampleThresholdsAreShownAsExampleAndLeaveTheOfficeToConfirm() {
        EligibilityFlow.Step done = tapped(Language.EN, "Plant", "SME", "Cells", "300 or more", "10 billion won or more");
        assertEquals(Map.of("leading", Outcome.ASK_OFFICE, "promising", Outcome.MAY_FIT), FLOW.outcomes(done.check()));
        String text = last(done).text();
        assertTrue(text.contains("? at least 2 of the leading track's growth requirements") && text.contains("[Example] the growth thresholds are not public"),
                text);
    }

    @Test
    void relocationIsUnderstoodInFreeText() {
        Map<String, String> said = new java.util.LinkedHashMap<>();
        said.put("We plan to move", "relocation_planned");
        said.put("we are planning to relocate", "relocation_planned");
        said.put("이전 예정", "relocation_planned");
        said.put("이전 예정이에요", "relocation_planned");
        said.put("대전으로 옮길 거예요", "relocation_planned");
        said.put("이전 확정", "relocation_confirmed");
        said.put("이전이 확정됐어요", "relocation_confirmed");
        said.put("The move is confirmed", "relocation_confirmed");
        said.forEach((text, value) -> {
            Language language = text.matches(".*[a-zA-Z].*") ? Language.EN : Language.KO;
            EligibilityFlow.Step echo = FLOW.answer(started(language).check(), text, language, NOW);
            assertEquals(value, echo.check().pending(), text + " -> " + last(echo).text());
        });
    }

    @Test
    void salesHeardWithTheHeadCountAreOfferedNotAskedAgain() {
        EligibilityFlow.Step echo = FLOW.answer(tapped(Language.KO, "공장", "중소기업", "소재").check(), "직원 35명이고 매출은 60억이에요", Language.KO, NOW);
        assertEquals("35", echo.check().pending());
        EligibilityFlow.Step next = FLOW.answer(echo.check(), "네", Language.KO, NOW);
        assertTrue(last(next).text().startsWith("5/5. 앞서 말씀하신 내용으로는 최근 연도 매출액이 약 60억 원이라"), last(next).text());
        assertEquals("60", next.check().pending());
        EligibilityFlow.Step known = FLOW.start(CompanyProfileExtractor.extract("유성구 분리막 업체인데 연매출 80억 정도예요"), Language.KO, NOW);
        assertEquals(80, known.check().known().sales());
    }

    @Test
    void startOverForgetsWhatWasSaidAndAsksEverything() {
        EligibilityFlow.Step known = FLOW.start(CompanyProfileExtractor.extract("유성구에 공장이 있는 분리막 중소기업이에요"), Language.KO, NOW);
        assertTrue(last(known).text().contains("앞서 말씀하신"), last(known).text());
        EligibilityFlow.Step again = FLOW.answer(FLOW.answer(known.check(), "네", Language.KO, NOW).check(), "처음부터 다시", Language.KO, NOW);
        assertTrue(last(again).text().startsWith("1/5. 대전에 어떤 사업장이 있나요?"), last(again).text());
        assertNull(again.check().profile());
        assertTrue(FLOW.answer(again.check(), "중소기업", Language.KO, NOW).replies().stream().noneMatch(m -> m.text().contains("앞서 말씀하신")));
    }

    @Test
    void anOpenResultOffersAPersonAndOnlyThen() {
        EligibilityFlow.Step open = tapped(Language.KO, "대전 이전 예정", "중소기업", "소재", "10명 미만", "10억 원 미만");
        assertTrue(open.offersPerson());
        assertTrue(last(open).text().endsWith("담당자에게 연결해 드릴까요?"), last(open).text());
        assertTrue(last(open).quickReplies().contains("상담원 연결"), last(open).quickReplies().toString());
        EligibilityFlow.Step fits = tapped(Language.EN, "Plant", "SME", "Cells", "Under 10", "Under 1 billion won");
        assertFalse(fits.offersPerson(), "the promising track may fit: " + last(fits).text());
        EligibilityFlow.Step neither = tapped(Language.KO, "대전에 없음");
        assertFalse(neither.offersPerson(), last(neither).text());
    }

    @Test
    void recyclingIsForTheOfficeWithTheReason() {
        EligibilityFlow.Step done = tapped(Language.KO, "공장", "중소기업", "재활용", "30~99명", "50억~100억 원 미만");
        assertEquals(Map.of("leading", Outcome.ASK_OFFICE, "promising", Outcome.ASK_OFFICE), FLOW.outcomes(done.check()));
        assertTrue(last(done).text().contains("재활용은 공고에 나온 분야 목록"), last(done).text());
    }

    @Test
    void aBareDistrictWithAnotherCityIsAskedAboutNotGuessed() {
        EligibilityFlow.Step step = FLOW.answer(started(Language.KO).check(), "본사는 서구에 있고 공장은 대구에 있어요", Language.KO, NOW);
        assertFalse(step.understood());
        assertTrue(step.replies().get(0).text().contains("'서구'는 여러 도시에 있는 구 이름이에요"), step.replies().get(0).text());
        assertTrue(last(step).text().startsWith("1/5."));
    }

    @Test
    void aSideQuestionIsHandedBackAndTheCheckResumes() {
        EligibilityCheck check = started(Language.KO).check();
        EligibilityFlow.Step side = FLOW.answer(check, "신청 마감이 언제예요?", Language.KO, NOW);
        assertTrue(side.sideQuestion());
        assertTrue(side.replies().isEmpty());
        assertEquals(check, side.check(), "nothing changes");
        EligibilityFlow.Step resumed = FLOW.resume(side.check(), Language.KO, NOW);
        assertEquals(1, resumed.replies().size());
        assertTrue(last(resumed).text().startsWith("이어서 자격 확인을 계속할게요: 1/5. 대전에 어떤 사업장이 있나요?"), last(resumed).text());
        assertTrue(last(resumed).quickReplies().contains("공장"));

        EligibilityFlow.Step echo = FLOW.answer(started(Language.EN).check(), "We have a plant in Daejeon", Language.EN, NOW);
        EligibilityFlow.Step enSide = FLOW.answer(echo.check(), "what documents do I need?", Language.EN, NOW);
        assertTrue(enSide.sideQuestion(), "also while a confirmation waits");
        EligibilityFlow.Step enResumed = FLOW.resume(enSide.check(), Language.EN, NOW);
        assertTrue(last(enResumed).text().startsWith("Let's continue the eligibility check: 1/5. I understood that you have a plant in Daejeon"),
                last(enResumed).text());
    }

    @Test
    void anUnclearAnswerIsNotASideQuestion() {
        EligibilityFlow.Step step = FLOW.answer(started(Language.KO).check(), "음... 파란색이요", Language.KO, NOW);
        assertFalse(step.understood());
        assertFalse(step.sideQuestion());
        assertTrue(step.replies().get(0).text().contains("이해하지 못했어요"));
    }

    @Test
    void notSureAtAConfirmQuestionLeavesTheFactOpenAndMovesOn() {
        // Trial report: "모름" to "…맞나요?" repeated the question, again and again.
        CompanyProfile known = CompanyProfileExtractor.extract("저희는 대덕구에 있는 분리막 업체예요");
        EligibilityFlow.Step confirm = FLOW.start(known, Language.KO, NOW);
        assertTrue(last(confirm).text().endsWith("맞나요?"), last(confirm).text());
        EligibilityFlow.Step unsure = FLOW.answer(confirm.check(), "모름", Language.KO, NOW);
        assertTrue(unsure.understood());
        assertTrue(unsure.replies().get(0).text().contains("확인되지 않은 것으로"), unsure.replies().get(0).text());
        assertTrue(last(unsure).text().startsWith("2/5. 기업 규모"), last(unsure).text());
        assertEquals("unknown", unsure.check().answers().get("location"));
        java.util.Set<String> sites = FLOW.profile(unsure.check()).daejeonSites();
        assertFalse(sites != null && sites.contains("unknown"), "an open location names no site: " + sites);

        // An echoed "not sure" of the head count, then "not sure" again: recorded, next question.
        EligibilityFlow.Step segment = FLOW.answer(FLOW.answer(unsure.check(), "중소기업", Language.KO, NOW).check(), "네", Language.KO, NOW);
        assertTrue(last(segment).text().startsWith("4/5."), last(segment).text());
        EligibilityFlow.Step echo = FLOW.answer(segment.check(), "직원 수는 정확히 모르겠네요", Language.KO, NOW);
        assertTrue(last(echo).text().endsWith("맞나요?"), last(echo).text());
        EligibilityFlow.Step again = FLOW.answer(echo.check(), "잘 모르겠어요", Language.KO, NOW);
        assertTrue(last(again).text().startsWith("5/5."), last(again).text());
        assertEquals("unknown", again.check().answers().get("employees"));
    }

    @Test
    void factsGivenBeforeAreConfirmedNotAskedAgain() {
        CompanyProfile known = CompanyProfileExtractor.extract("안녕하세요, 저희는 대덕구에 있는 분리막 업체인데요, 직원은 35명이고 2019년에 설립했어요");
        EligibilityFlow.Step start = FLOW.start(known, Language.KO, NOW);
        assertEquals("1/5. 앞서 말씀하신 내용으로는 대전 대덕구에 사업장이 있다고 이해했어요. 맞나요?", last(start).text());
        EligibilityFlow.Step type = FLOW.answer(start.check(), "네", Language.KO, NOW);
        assertTrue(last(type).text().startsWith("2/5. 기업 규모"), "not in the profile: asked");
        EligibilityFlow.Step segment = FLOW.answer(type.check(), "중소기업", Language.KO, NOW);
        assertEquals("3/5. 앞서 말씀하신 내용으로는 소재 분야라고 이해했어요. 맞나요?", last(segment).text());
        EligibilityFlow.Step employees = FLOW.answer(segment.check(), "네", Language.KO, NOW);
        assertEquals("4/5. 앞서 말씀하신 내용으로는 상시 근로자가 35명이라고 이해했어요. 맞나요?", last(employees).text());
        EligibilityFlow.Step no = FLOW.answer(employees.check(), "아니요", Language.KO, NOW);
        assertTrue(last(no).text().startsWith("4/5. 상시 근로자는 몇 명인가요?"), "a wrong fact is asked for");
    }

    @Test
    void factsInOneAnswerAreOfferedForTheLaterQuestions() {
        EligibilityFlow.Step echo = FLOW.answer(started(Language.EN).check(), "We are a 12-person startup making separators with a plant in Yuseong",
                Language.EN, NOW);
        EligibilityFlow.Step next = FLOW.answer(echo.check(), "yes", Language.EN, NOW);
        assertEquals("2/5. From what you said before, I understood that you are a startup (an SME). Is that right?", last(next).text());
    }

    @Test
    void theResultCitesThePublicRulesAndMarksExampleThresholds() {
        EligibilityCheck check = started(Language.KO).check();
        for (String tap : List.of("공장", "중소기업", "소재", "30~99명", "50억~100억 원 미만")) {
            check = FLOW.answer(check, tap, Language.KO, NOW).check();
        }
        assertFalse(FLOW.inProgress(check));
        assertEquals(Map.of("leading", Outcome.ASK_OFFICE, "promising", Outcome.MAY_FIT), FLOW.outcomes(check));
        EligibilityCheck relocating = started(Language.KO).check();
        EligibilityFlow.Step step = null;
        for (String tap : List.of("대전 이전 예정", "중소기업", "소재", "10명 미만", "10억 원 미만")) {
            step = FLOW.answer(relocating, tap, Language.KO, NOW);
            relocating = step.check();
        }
        String text = last(step).text();
        assertTrue(text.contains("유망기업: 아래 조건을 신청 마감 전까지 갖춘 경우에만 해당 가능성이 있습니다"), text);
        assertTrue(text.contains("△ 대전에 본사·공장·연구소·지사 중 하나 이상 — 2026년 공고 (전자신문·뉴스1 2026-01-28)"), text);
        assertTrue(text.contains("신청 마감일까지 대전 이전이 '확정'되어야 해요"), text);
        assertTrue(text.contains("✗ [예시] 최근 연도 매출액 50억 원 이상") && text.contains("선도기업: 사업단 확인이 필요합니다"), text);
        assertTrue(text.contains("2026-02-12에 마감"), text);
        assertEquals("자격 사전 확인 답변: location=대전 이전 예정 · company_type=중소기업 · segment=소재 · employees=5 · sales=5",
                FLOW.summary(relocating, Language.KO));
    }

    @Test
    void whatTheCheckLearnedIsAProfileToKeep() {
        EligibilityFlow.Step echo = FLOW.answer(started(Language.KO).check(), "본사는 서울이고 공장은 유성구에 있어요", Language.KO, NOW);
        EligibilityCheck check = FLOW.answer(echo.check(), "yes that's right", Language.EN, NOW).check();
        check = FLOW.answer(check, "중견기업", Language.KO, NOW).check();
        CompanyProfile p = FLOW.profile(check);
        assertEquals(Set.of("plant"), p.daejeonSites());
        assertEquals(Set.of("hq"), p.otherSites());
        assertEquals("seoul", p.region(), "the head office decides the region");
        assertEquals("midsized", p.companyType());
        assertEquals(CompanyProfile.EMPTY, FLOW.profile(null));
    }

    @Test
    void theCheckIsStoredAsPlainJsonAndOldStoredChecksStillRead() {
        EligibilityCheck check = new EligibilityCheck(1, Map.of("location", "plant"), "sme",
                new CompanyProfile("daejeon", "yuseong-gu", Set.of("plant"), null, null, "materials", 12, null, "sme"));
        String json = JsonCodec.write(check);
        assertEquals(check, JsonCodec.read(json, EligibilityCheck.class));
        EligibilityCheck old = JsonCodec.read("{\"step\":1,\"answers\":{\"location\":\"plant\"}}", EligibilityCheck.class);
        assertEquals(new EligibilityCheck(1, Map.of("location", "plant")), old);
        assertTrue(FLOW.inProgress(old));
    }
}
