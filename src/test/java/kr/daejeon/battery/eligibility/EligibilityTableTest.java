package kr.daejeon.battery.eligibility;

import static kr.daejeon.battery.eligibility.Outcome.ASK_OFFICE;
import static kr.daejeon.battery.eligibility.Outcome.DOES_NOT_FIT;
import static kr.daejeon.battery.eligibility.Outcome.MAY_FIT;
import static kr.daejeon.battery.eligibility.Outcome.ONLY_IF_RELOCATED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.profile.CompanyProfile;
import kr.daejeon.battery.profile.CompanyProfileExtractor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pre-check must never tell a company that it may fit when the public rules say otherwise: each
 * row is a company described in its own words, answered question by question in free text (every
 * echo confirmed with "네"/"yes"), and the outcome per track is asserted exactly.
 */
class EligibilityTableTest {

    static final Instant NOW = Instant.parse("2026-11-25T01:00:00Z");
    static final EligibilityFlow FLOW = new EligibilityFlow(EligibilityRules.load(Path.of("faq/eligibility.yaml")),
            FaqCatalog.load(Path.of("faq")), ZoneId.of("Asia/Seoul"));

    /** @param intro what the company said before the check (null: nothing) */
    record Row(String name, Language language, String intro, List<String> answers, Outcome leading, Outcome promising) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row ko(String name, Outcome leading, Outcome promising, String... answers) {
        return new Row(name, Language.KO, null, List.of(answers), leading, promising);
    }

    static Row en(String name, Outcome leading, Outcome promising, String... answers) {
        return new Row(name, Language.EN, null, List.of(answers), leading, promising);
    }

    static Row intro(String name, Language language, String intro, Outcome leading, Outcome promising, String... answers) {
        return new Row(name, language, intro, List.of(answers), leading, promising);
    }

    static Stream<Row> table() {
        return Stream.of(
                // ---- Daejeon sites, Korean ----
                ko("유성구 공장, 중소 소재, 45명, 60억", ASK_OFFICE, MAY_FIT, "유성구에 공장이 있어요", "중소기업이에요", "양극재 만들어요", "직원 45명", "매출 60억"),
                ko("본사 서울 + 공장 유성구", ASK_OFFICE, MAY_FIT, "본사는 서울이고 공장은 유성구에 있어요", "중소기업", "분리막", "35명", "연매출 30억 원"),
                ko("bare 서구, no other city", ASK_OFFICE, MAY_FIT, "서구에 본사가 있어요", "중견기업입니다", "전해액 생산", "120명", "150억 원"),
                ko("bare 중구 branch", ASK_OFFICE, MAY_FIT, "중구에 지사가 있어요", "스타트업", "배터리 팩 조립", "8명", "매출 없어요"),
                ko("동구 하소산업단지", ASK_OFFICE, MAY_FIT, "동구 하소산업단지에 공장이 있어요", "중소기업", "공정 장비", "60명", "80억"),
                ko("대덕 alone", ASK_OFFICE, MAY_FIT, "대덕에 공장 있어요", "중소기업", "동박", "25명", "40억"),
                ko("대덕구 대화동", ASK_OFFICE, MAY_FIT, "대덕구 대화동에 공장이 있어요", "중소기업", "부품 만들어요", "31명", "잘 모르겠어요"),
                ko("branch only", ASK_OFFICE, MAY_FIT, "대전에는 지사만 있어요", "중소기업", "ESS", "12명", "15억"),
                ko("lab only in 특구", ASK_OFFICE, MAY_FIT, "대덕연구개발특구에 기업부설연구소만 있어요", "중소기업", "음극재", "잘 모름", "55억"),
                ko("둔산동 office", ASK_OFFICE, MAY_FIT, "둔산동에 사무실이 있어요", "스타트업입니다", "시험 인증 서비스", "5명", "3억"),
                ko("대전 서구 with Busan plant", ASK_OFFICE, MAY_FIT, "대전 서구에 본사, 공장은 부산이에요", "중소기업", "소재", "40명", "90억"),
                ko("세종대 is not Sejong", ASK_OFFICE, MAY_FIT, "세종대 출신이 창업한 회사고 공장은 대전에 있어요", "중소기업", "셀", "9명", "2억"),
                ko("양산 공장 is mass production", ASK_OFFICE, MAY_FIT, "양산 공장은 유성에 있어요", "중소기업", "분리막", "20명", "60억"),
                ko("HQ Daejeon, plant Ochang", ASK_OFFICE, MAY_FIT, "대전 유성구에 본사, 충북 오창에 공장", "중견기업", "양극재", "250명", "300억"),
                ko("ambiguous 서구 then clarified", ASK_OFFICE, MAY_FIT, "본사는 서구에 있고 공장은 대구에 있어요", "본사는 대전 서구에 있어요", "중소기업",
                        "소재", "10명", "5억"),
                // ---- other cities, Korean ----
                ko("서울에 본사 alone", DOES_NOT_FIT, DOES_NOT_FIT, "서울에 본사가 있어요"),
                ko("서울특별시", DOES_NOT_FIT, DOES_NOT_FIT, "본사는 서울특별시에 있습니다"),
                ko("세종시에서", DOES_NOT_FIT, DOES_NOT_FIT, "세종시에서 공장을 운영해요"),
                ko("세종에만", DOES_NOT_FIT, DOES_NOT_FIT, "공장은 세종에만 있어요"),
                ko("충남 천안", DOES_NOT_FIT, DOES_NOT_FIT, "충남 천안에 본사와 공장이 있어요"),
                ko("청주 오창에", DOES_NOT_FIT, DOES_NOT_FIT, "청주 오창에 공장이 있어요"),
                ko("부산·울산", DOES_NOT_FIT, DOES_NOT_FIT, "부산·울산에 사업장이 있어요"),
                ko("부산 서구", DOES_NOT_FIT, DOES_NOT_FIT, "부산 서구에 본사가 있어요"),
                ko("대구 중구", DOES_NOT_FIT, DOES_NOT_FIT, "대구 중구에 있어요"),
                ko("울산 동구", DOES_NOT_FIT, DOES_NOT_FIT, "울산 동구에 공장이 있어요"),
                ko("인천 서구 + 광주 동구", DOES_NOT_FIT, DOES_NOT_FIT, "인천 서구에 공장, 광주 동구에 연구소"),
                ko("대덕전자 협력사, 세종", DOES_NOT_FIT, DOES_NOT_FIT, "대덕전자 협력사인데 본사는 세종이에요"),
                ko("경기도 평택", DOES_NOT_FIT, DOES_NOT_FIT, "경기도 평택 공장"),
                ko("전라북도 새만금", DOES_NOT_FIT, DOES_NOT_FIT, "전라북도 새만금에 재활용 공장이 있어요"),
                ko("해외", DOES_NOT_FIT, DOES_NOT_FIT, "해외에만 공장이 있어요"),
                ko("경남 양산시", DOES_NOT_FIT, DOES_NOT_FIT, "경남 양산시에 공장이 있어요"),
                ko("대전에는 없어요", DOES_NOT_FIT, DOES_NOT_FIT, "대전에는 사업장이 없어요"),
                ko("button 대전에 없음", DOES_NOT_FIT, DOES_NOT_FIT, "대전에 없음"),
                ko("moved away to Sejong", DOES_NOT_FIT, DOES_NOT_FIT, "대전에서 세종으로 이전했어요"),
                ko("대전 근처 세종", DOES_NOT_FIT, DOES_NOT_FIT, "대전 근처 세종에 공장이 있어요"),
                ko("대전 말고 세종", DOES_NOT_FIT, DOES_NOT_FIT, "대전 말고 세종에 있어요"),
                ko("대전시 지원사업 is the program", DOES_NOT_FIT, DOES_NOT_FIT, "대전시 지원사업에 관심 있는 세종 기업입니다"),
                ko("대전테크노파크 is the program", DOES_NOT_FIT, DOES_NOT_FIT, "대전테크노파크 사업 신청하려는 청주 업체예요"),
                ko("Daejeon customer, Sejong plant", DOES_NOT_FIT, DOES_NOT_FIT, "유성구에 있는 고객사에 납품하는 세종 공장이에요"),
                ko("서울 본사와 유성 공장", ASK_OFFICE, MAY_FIT, "서울 본사와 유성 공장", "중소기업", "양극재", "15명", "20억"),
                ko("대전 출신, 서울 창업", DOES_NOT_FIT, DOES_NOT_FIT, "대전 출신 대표가 서울에서 창업한 회사예요"),
                ko("used to be in Daejeon", DOES_NOT_FIT, DOES_NOT_FIT, "예전에는 대전에 공장이 있었어요", "지금은 천안에만 있어요"),
                ko("was in Seoul, now Yuseong", ASK_OFFICE, MAY_FIT, "예전에는 서울에 있었는데 지금은 대전 유성구에 공장이 있어요", "중소기업", "소재",
                        "11명", "9억"),
                ko("looking for a plant site", ASK_OFFICE, ONLY_IF_RELOCATED, "대전 유성구에 공장 부지를 알아보고 있어요", "중소기업", "장비", "14명", "12억"),
                ko("building a plant", ASK_OFFICE, ONLY_IF_RELOCATED, "대전에 공장을 짓고 있어요", "중견기업", "양극재", "500명", "3000억"),
                ko("대전 기업", ASK_OFFICE, MAY_FIT, "대전 기업입니다", "중소기업", "ESS", "6명", "3억"),
                ko("founded in Daejeon", ASK_OFFICE, MAY_FIT, "대전에서 2019년에 창업했어요", "중소기업", "분리막", "9명", "4억"),
                // ---- relocation, Korean ----
                ko("이전 예정", ASK_OFFICE, ONLY_IF_RELOCATED, "서울에서 대전으로 이전할 예정이에요", "중소기업", "음극재", "20명", "20억"),
                ko("이전 확정", ASK_OFFICE, ONLY_IF_RELOCATED, "본사를 대전으로 이전하기로 확정했어요", "중소기업", "장비", "50명", "70억"),
                ko("button 이전 예정", ASK_OFFICE, ONLY_IF_RELOCATED, "대전 이전 예정", "중소기업", "소재", "30명", "잘 모름"),
                ko("공장 지을 예정 (재활용)", ASK_OFFICE, ASK_OFFICE, "내년에 대전에 공장을 지을 예정이에요", "스타트업", "재활용", "6명", "1억"),
                // ---- size and type, Korean ----
                ko("대기업", DOES_NOT_FIT, DOES_NOT_FIT, "유성구에 공장", "대기업 계열사입니다"),
                ko("대기업은 아니고 중견", ASK_OFFICE, MAY_FIT, "유성구에 본사", "대기업은 아니고 중견기업이에요", "모듈", "400명", "1조"),
                ko("예비창업자", DOES_NOT_FIT, DOES_NOT_FIT, "유성구", "아직 사업자 등록 전인 예비창업자예요"),
                ko("개인사업자", ASK_OFFICE, ASK_OFFICE, "대덕구에 공장", "개인사업자입니다", "부품", "40명", "60억"),
                ko("정부출연 연구기관", DOES_NOT_FIT, DOES_NOT_FIT, "유성구에 있어요", "정부출연 연구기관이에요"),
                ko("대학교", DOES_NOT_FIT, DOES_NOT_FIT, "유성구에 연구실이 있어요", "대학교 산학협력단이에요"),
                ko("not battery", DOES_NOT_FIT, DOES_NOT_FIT, "유성구에 본사", "중소기업", "화장품 회사예요"),
                ko("1,200명 중견", ASK_OFFICE, MAY_FIT, "대전 유성구 본사", "중견기업", "전해질", "상시근로자 1,200명", "2,000억 원"),
                // ---- profile given before the check ----
                intro("self-introduction answers 3 questions", Language.KO,
                        "안녕하세요, 저희는 대덕구에 있는 분리막 업체인데요, 직원은 35명이고 2019년에 설립했어요", ASK_OFFICE, MAY_FIT, "중소기업", "매출 60억"),
                intro("self-introduction with sales", Language.KO, "유성구에 공장이 있는 분리막 중소기업이고 직원 35명, 연매출 60억이에요",
                        ASK_OFFICE, MAY_FIT),
                intro("self-introduction from Seoul", Language.KO, "안녕하세요, 서울에 본사가 있는 양극재 중소기업입니다", DOES_NOT_FIT, DOES_NOT_FIT),
                intro("self-introduction, relocation planned", Language.KO, "저희는 세종에 있는데 대전으로 이전할 예정입니다. 분리막 스타트업이에요", ASK_OFFICE,
                        ONLY_IF_RELOCATED, "10명", "5억"),
                intro("English introduction, large", Language.EN, "Hello, we are a large conglomerate affiliate with a plant in Daejeon",
                        DOES_NOT_FIT, DOES_NOT_FIT),
                // ---- English ----
                en("factory in Yuseong, SME", ASK_OFFICE, MAY_FIT, "We have a factory in Yuseong", "we are an SME", "we make cathode materials",
                        "a 40-person team", "sales of 6 billion won"),
                en("HQ Seoul, plant Yuseong", ASK_OFFICE, MAY_FIT, "Our HQ is in Seoul and the plant is in Yuseong", "SME", "separators",
                        "12 employees", "800 million won"),
                en("HQ in Sejong", DOES_NOT_FIT, DOES_NOT_FIT, "our HQ is in Sejong"),
                en("plant in Cheongju", DOES_NOT_FIT, DOES_NOT_FIT, "plant in Cheongju"),
                en("in Seoul", DOES_NOT_FIT, DOES_NOT_FIT, "We are in Seoul"),
                en("nothing in Daejeon", DOES_NOT_FIT, DOES_NOT_FIT, "Nothing in Daejeon, we are based in Busan"),
                en("South Chungcheong", DOES_NOT_FIT, DOES_NOT_FIT, "our plant is in South Chungcheong province"),
                en("bare Seo-gu", ASK_OFFICE, MAY_FIT, "HQ in Seo-gu", "a small business", "separators", "12 employees", "800 million won"),
                en("Seo-gu, Incheon", DOES_NOT_FIT, DOES_NOT_FIT, "factory in Seo-gu, Incheon"),
                en("Daejeon Seo-gu office", ASK_OFFICE, MAY_FIT, "an office in Seo-gu, Daejeon", "startup", "battery testing", "30 employees",
                        "not sure"),
                en("moving next year", ASK_OFFICE, ONLY_IF_RELOCATED, "We are moving to Daejeon next year", "SME", "anode", "35 people",
                        "I don't know"),
                en("relocation confirmed", ASK_OFFICE, ONLY_IF_RELOCATED, "Our relocation to Daejeon is confirmed, the lease is signed",
                        "mid-sized", "ESS", "80 employees", "12 billion won"),
                en("branch only", ASK_OFFICE, MAY_FIT, "only a branch office in Daejeon", "SME", "BMS parts", "15 employees", "2 billion won"),
                en("lab only", ASK_OFFICE, MAY_FIT, "just an R&D lab in Daedeok Innopolis", "startup", "solid-state battery cells", "7 people",
                        "no revenue yet"),
                en("large", DOES_NOT_FIT, DOES_NOT_FIT, "plant in Daedeok-gu", "We are a large conglomerate affiliate"),
                en("pre-founder", DOES_NOT_FIT, DOES_NOT_FIT, "Yuseong", "I'm a pre-founder, no company yet"),
                en("sole proprietor", ASK_OFFICE, ASK_OFFICE, "a plant in Daejeon", "sole proprietor", "equipment", "3 staff", "100 million won"),
                en("not battery", DOES_NOT_FIT, DOES_NOT_FIT, "HQ in Daejeon", "SME", "food company, nothing to do with batteries"),
                en("Gumi plant, Daejeon lab (recycling)", ASK_OFFICE, ASK_OFFICE, "Plant in Gumi, R&D center in Daejeon", "mid-sized company", "recycling",
                        "90 employees", "25 billion won"),
                en("head office in Pangyo", DOES_NOT_FIT, DOES_NOT_FIT, "head office in Pangyo"),
                en("near Daejeon", DOES_NOT_FIT, DOES_NOT_FIT, "We are near Daejeon, in Sejong"),
                en("customers in Daejeon", DOES_NOT_FIT, DOES_NOT_FIT, "Our customers are in Daejeon; our plant is in Cheonan"),
                en("the Daejeon program", DOES_NOT_FIT, DOES_NOT_FIT, "We are a Busan company interested in the Daejeon program"),
                en("a planned branch", ASK_OFFICE, ONLY_IF_RELOCATED, "We plan a Daejeon branch", "SME", "parts", "10 employees", "1 billion won"),
                en("HQ Seoul, Daejeon plant under construction", ASK_OFFICE, ONLY_IF_RELOCATED, "HQ: Seoul, plant: Daejeon (under construction)",
                        "SME", "materials", "20 employees", "3 billion won"),
                en("used to be based in Daejeon", DOES_NOT_FIT, DOES_NOT_FIT, "We used to be based in Daejeon, now we are in Ulsan"),
                en("a Daejeon startup", ASK_OFFICE, MAY_FIT, "We're a Daejeon startup", "startup", "battery packs", "4 people", "no sales yet"),
                // ---- a move with no place (the question is about Daejeon), segments, sizes ----
                ko("이전 예정, no place", ASK_OFFICE, ONLY_IF_RELOCATED, "이전 예정이에요", "중소기업", "양극재", "20명", "20억"),
                ko("이전 확정, no place", ASK_OFFICE, ONLY_IF_RELOCATED, "이전 확정", "중견기업", "전해액", "100명", "200억"),
                ko("대전으로 옮길 거예요", ASK_OFFICE, ONLY_IF_RELOCATED, "대전으로 옮길 거예요", "스타트업", "분리막", "7명", "2억"),
                ko("공장 지을 예정, no place", ASK_OFFICE, ONLY_IF_RELOCATED, "공장 지을 예정이에요", "중소기업", "장비", "12명", "10억"),
                ko("이전 계획 없음", DOES_NOT_FIT, DOES_NOT_FIT, "대전에 사업장도 없고 이전 계획도 없어요"),
                ko("셀 제조 유성", ASK_OFFICE, MAY_FIT, "유성구에 본사가 있어요", "중소기업", "셀", "50명", "100억"),
                ko("폐배터리 재활용 대덕구", ASK_OFFICE, ASK_OFFICE, "대덕구에 공장", "중소기업", "폐배터리 재활용", "40명", "60억"),
                ko("서울 양극재 회사", DOES_NOT_FIT, DOES_NOT_FIT, "서울에 있는 양극재 회사예요"),
                en("We plan to move", ASK_OFFICE, ONLY_IF_RELOCATED, "We plan to move", "SME", "anode materials", "25 employees", "3 billion won"),
                en("move confirmed, no place", ASK_OFFICE, ONLY_IF_RELOCATED, "The move is confirmed", "mid-sized", "separators", "200 employees",
                        "50 billion won"),
                en("going to build a factory", ASK_OFFICE, ONLY_IF_RELOCATED, "we are going to build a factory", "startup", "battery packs",
                        "5 people", "no revenue yet"),
                en("recycler in Daedeok-gu", ASK_OFFICE, ASK_OFFICE, "our plant is in Daedeok-gu", "SME", "battery recycling", "30 employees",
                        "6 billion won"),
                en("cell maker in Yuseong", ASK_OFFICE, MAY_FIT, "HQ in Yuseong", "SME", "cells", "60 employees", "9 billion won"),
                en("big company in Busan", DOES_NOT_FIT, DOES_NOT_FIT, "we're a big company in Busan"),
                en("large, Daejeon plant", DOES_NOT_FIT, DOES_NOT_FIT, "plant in Daejeon", "large company"),
                en("moved last year", ASK_OFFICE, ONLY_IF_RELOCATED, "We moved to Daejeon last year", "SME", "materials",
                        "45 employees", "7 billion won"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void theOutcomeIsExactlyWhatThePublicRulesSay(Row row) {
        Map<String, Outcome> got = run(row);
        assertEquals(row.leading(), got.get("leading"), row + ": leading track");
        assertEquals(row.promising(), got.get("promising"), row + ": promising track");
    }

    @Test
    void theTableIsLargeAndNeverSaysMayFitWrongly() {
        List<Row> rows = table().toList();
        assertTrue(rows.size() >= 50, "rows: " + rows.size());
        assertTrue(rows.stream().filter(r -> r.language() == Language.EN).count() >= 20, "English rows");
        int wrongMayFit = 0;
        for (Row r : rows) {
            Map<String, Outcome> got = run(r);
            wrongMayFit += got.get("leading") == MAY_FIT && r.leading() != MAY_FIT ? 1 : 0;
            wrongMayFit += got.get("promising") == MAY_FIT && r.promising() != MAY_FIT ? 1 : 0;
        }
        assertEquals(0, wrongMayFit);
    }

    /** Runs the check with the row's answers; every echo is confirmed, every answer must be echoed or refused. */
    static Map<String, Outcome> run(Row row) {
        CompanyProfile known = row.intro() == null ? CompanyProfile.EMPTY : CompanyProfileExtractor.extract(row.intro());
        EligibilityFlow.Step step = FLOW.start(known, row.language(), NOW);
        EligibilityCheck check = step.check();
        Iterator<String> answers = row.answers().iterator();
        List<String> transcript = new ArrayList<>();
        String yes = row.language() == Language.KO ? "네" : "yes";
        int guard = 0;
        while (FLOW.inProgress(check)) {
            if (++guard > 40) {
                fail(row + ": the check does not end: " + transcript);
            }
            String say;
            if (check.pending() != null) {
                say = yes;
            } else if (answers.hasNext()) {
                say = answers.next();
            } else {
                fail(row + ": ran out of answers at step " + check.step() + ": " + transcript);
                return Map.of();
            }
            step = FLOW.answer(check, say, row.language(), NOW);
            assertTrue(!step.sideQuestion(), row + ": '" + say + "' taken for a side question");
            transcript.add(say + " -> " + step.replies().get(step.replies().size() - 1).text());
            assertNotNull(step.check(), row + ": cancelled");
            check = step.check();
        }
        assertTrue(!answers.hasNext() || row.answers().size() > check.answers().size(), row + ": answers left over: " + transcript);
        return FLOW.outcomes(check);
    }
}
