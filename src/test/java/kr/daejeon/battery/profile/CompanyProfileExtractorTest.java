package kr.daejeon.battery.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** What companies say about themselves, in Korean and English, read into a profile. */
class CompanyProfileExtractorTest {

    /** text | region | district | daejeonSites | otherSites | relocation ("-" = null; sites "" = empty set, "-" = null). */
    static Stream<Arguments> places() {
        return Stream.of(
                Arguments.of("안녕하세요, 저희는 대덕구에 있는 분리막 업체인데요, 직원은 35명이고 2019년에 설립했어요", "daejeon", "daedeok-gu", "-", "-", "-"),
                Arguments.of("본사는 서울이고 공장은 유성구에 있어요", "seoul", "yuseong-gu", "plant", "hq", "-"),
                Arguments.of("서울에 본사가 있어요", "seoul", "-", "-", "hq", "-"),
                Arguments.of("본사는 서울특별시에 있습니다", "seoul", "-", "-", "hq", "-"),
                Arguments.of("세종시에서 공장을 운영해요", "sejong", "-", "-", "plant", "-"),
                Arguments.of("공장은 청주 오창에 있고 연구소는 대덕테크노밸리에 있어요", "daejeon", "yuseong-gu", "lab", "plant", "-"),
                Arguments.of("부산·울산에 공장이 있어요", "busan", "-", "-", "plant", "-"),
                Arguments.of("충청남도 천안시에 본사와 공장이 있어요", "chungnam", "-", "-", "hq,plant", "-"),
                Arguments.of("충남 아산 공장", "chungnam", "-", "-", "plant", "-"),
                Arguments.of("대전 유성구에 본사, 연구소가 있어요", "daejeon", "yuseong-gu", "hq,lab", "-", "-"),
                Arguments.of("대전유성구 본사", "daejeon", "yuseong-gu", "hq", "-", "-"),
                Arguments.of("서구에 본사가 있어요", "daejeon", "seo-gu", "hq", "-", "-"),
                Arguments.of("부산 서구에 본사가 있어요", "busan", "-", "-", "hq", "-"),
                Arguments.of("본사는 서구, 공장은 부산에 있어요", "busan", "-", "-", "plant", "-"),
                Arguments.of("대전 서구에 본사, 공장은 부산이에요", "daejeon", "seo-gu", "hq", "plant", "-"),
                Arguments.of("광주 동구에 있는 회사예요", "gwangju", "-", "-", "-", "-"),
                Arguments.of("중구에 지사가 있어요", "daejeon", "jung-gu", "branch", "-", "-"),
                Arguments.of("울산 중구 공장", "ulsan", "-", "-", "plant", "-"),
                Arguments.of("둔산동에 사무실이 있어요", "daejeon", "seo-gu", "branch", "-", "-"),
                Arguments.of("대덕에 공장 있어요", "daejeon", "-", "plant", "-", "-"),
                Arguments.of("대덕전자 협력사이고 본사는 세종이에요", "sejong", "-", "-", "hq", "-"),
                Arguments.of("대덕산업단지에 공장이 있어요", "daejeon", "daedeok-gu", "plant", "-", "-"),
                Arguments.of("신동·둔곡 지구에 공장을 운영 중", "daejeon", "yuseong-gu", "plant", "-", "-"),
                Arguments.of("대전에는 사업장이 없어요", "-", "-", "", "-", "-"),
                Arguments.of("대전에 없음", "-", "-", "", "-", "-"),
                Arguments.of("서울에서 대전으로 이전할 예정이에요", "seoul", "-", "-", "-", "planned"),
                Arguments.of("본사를 대전으로 이전하기로 확정했습니다", "-", "-", "-", "-", "confirmed"),
                Arguments.of("대전에서 세종으로 이전했어요", "sejong", "-", "-", "-", "-"),
                Arguments.of("Our HQ is in Seoul and the plant is in Yuseong", "seoul", "yuseong-gu", "plant", "hq", "-"),
                Arguments.of("our HQ is in Sejong", "sejong", "-", "-", "hq", "-"),
                Arguments.of("We have a plant in Cheongju", "chungbuk", "-", "-", "plant", "-"),
                Arguments.of("HQ and plant in Yuseong-gu, Daejeon", "daejeon", "yuseong-gu", "hq,plant", "-", "-"),
                Arguments.of("We are a startup based in Daejeon", "daejeon", "-", "-", "-", "-"),
                Arguments.of("We are moving to Daejeon next year", "-", "-", "-", "-", "planned"),
                Arguments.of("Our relocation to Daejeon is confirmed, the lease is signed", "-", "-", "-", "-", "confirmed"),
                Arguments.of("We have nothing in Daejeon, we are in Busan", "busan", "-", "", "-", "-"),
                Arguments.of("research lab in Daedeok Innopolis, head office in Pangyo", "gyeonggi", "-", "lab", "hq", "-"),
                Arguments.of("a branch office in Seo-gu, Daejeon", "daejeon", "seo-gu", "branch", "-", "-"),
                Arguments.of("factory in Seo-gu, Incheon", "incheon", "-", "-", "plant", "-"),
                Arguments.of("저희 양산 공장은 유성에 있어요", "daejeon", "yuseong-gu", "plant", "-", "-"),
                Arguments.of("경남 양산시에 공장이 있어요", "gyeongnam", "-", "-", "plant", "-"),
                Arguments.of("연수 프로그램이 궁금해요", "-", "-", "-", "-", "-"),
                Arguments.of("세종대 출신 창업자들이 만든 회사, 공장은 대전", "daejeon", "-", "plant", "-", "-"),
                Arguments.of("Plant in Gumi, R&D center in Daejeon", "daejeon", "-", "lab", "plant", "-"),
                Arguments.of("중국에 공장이 있고 대전에 연구소가 있어요", "daejeon", "-", "lab", "plant", "-"),
                Arguments.of("대전 근처 세종에 공장이 있어요", "sejong", "-", "-", "plant", "-"),
                Arguments.of("대전시 지원사업에 관심 있는 세종 기업입니다", "sejong", "-", "-", "-", "-"),
                Arguments.of("대전테크노파크 사업 신청하려는 청주 업체예요", "chungbuk", "-", "-", "-", "-"),
                Arguments.of("유성구에 있는 고객사에 납품하는 세종 공장이에요", "sejong", "-", "-", "plant", "-"),
                Arguments.of("예전에는 대전에 공장이 있었어요", "-", "-", "-", "-", "-"),
                Arguments.of("대전 유성구에 공장 부지를 알아보고 있어요", "-", "-", "-", "-", "planned"),
                Arguments.of("서울 본사와 유성 공장", "seoul", "yuseong-gu", "plant", "hq", "-"),
                // "대전엔 연구소만": the lab is in Daejeon, whatever else is in Seoul; "대전엔 아무것도 없어요": nothing is.
                Arguments.of("본사는 서울이고 대전엔 연구소만 있는 회사인데 신청돼요?", "seoul", "-", "lab", "hq", "-"),
                Arguments.of("본사는 서울이고 대전에는 연구소가 있어요", "seoul", "-", "lab", "hq", "-"),
                Arguments.of("충남 논산에 공장 있고 대전엔 아무것도 없어요", "chungnam", "-", "", "plant", "-"),
                Arguments.of("We are near Daejeon, in Sejong", "sejong", "-", "-", "-", "-"),
                Arguments.of("Our customers are in Daejeon", "-", "-", "-", "-", "-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("places")
    void placesAndSites(String text, String region, String district, String daejeonSites, String otherSites, String relocation) {
        CompanyProfile p = CompanyProfileExtractor.extract(text);
        assertEquals(value(region), p.region(), "region of " + text + " -> " + p);
        assertEquals(value(district), p.district(), "district of " + text + " -> " + p);
        assertEquals(sites(daejeonSites), p.daejeonSites(), "Daejeon sites of " + text + " -> " + p);
        assertEquals(sites(otherSites), p.otherSites(), "other sites of " + text + " -> " + p);
        assertEquals(value(relocation), p.relocation(), "relocation of " + text + " -> " + p);
    }

    /** text | segment | employees | founded | companyType. */
    static Stream<Arguments> facts() {
        return Stream.of(
                Arguments.of("저희는 대덕구에 있는 분리막 업체인데요, 직원은 35명이고 2019년에 설립했어요", "materials", 35, 2019, "-"),
                Arguments.of("양극재 만드는 중소기업입니다. 임직원 120명", "materials", 120, null, "sme"),
                Arguments.of("음극재 스타트업이고 2022년 창업했어요", "materials", null, 2022, "startup"),
                Arguments.of("전해액 생산, 상시근로자 1,200명 중견기업", "materials", 1200, null, "midsized"),
                Arguments.of("2차전지 공정 장비를 만드는 회사예요", "equipment", null, null, "-"),
                Arguments.of("배터리 팩 조립 업체, 직원 18명", "packs", 18, null, "-"),
                Arguments.of("ESS 시스템을 구축하는 회사", "ess", null, null, "-"),
                Arguments.of("폐배터리 재활용 기업이에요", "recycling", null, null, "-"),
                Arguments.of("배터리 성능평가와 시험 인증을 하는 기관", "testing", null, null, "-"),
                Arguments.of("BMS와 배터리 부품 제조", "parts", null, null, "-"),
                Arguments.of("전고체 배터리 셀을 개발하는 벤처", "cells", null, null, "startup"),
                Arguments.of("저희는 대기업 계열사입니다", "-", null, null, "large"),
                Arguments.of("대기업 협력사인 중소기업이에요", "-", null, null, "sme"),
                Arguments.of("대기업은 아니고 중견기업이에요", "-", null, null, "midsized"),
                Arguments.of("아직 사업자 등록 전인 예비창업자예요", "-", null, null, "pre_founder"),
                Arguments.of("개인사업자로 운영 중입니다", "-", null, null, "sole_proprietor"),
                Arguments.of("정부출연 연구기관입니다", "-", null, null, "research_institute"),
                Arguments.of("충남대학교 산학협력단이에요", "-", null, null, "university"),
                Arguments.of("팩스 번호 알려주세요", "-", null, null, "-"),
                Arguments.of("We are a 12-person startup making cathode materials", "materials", 12, null, "startup"),
                Arguments.of("We make separators, founded in 2019, 40 employees", "materials", 40, 2019, "-"),
                Arguments.of("Hello, I'm calling from a cell maker in Daejeon", "cells", null, null, "-"),
                Arguments.of("we build battery recycling plants", "recycling", null, null, "-"),
                Arguments.of("We are an SME supplying battery modules, established in 2015", "packs", null, 2015, "sme"),
                Arguments.of("a mid-sized electrolyte maker with a staff of 250", "materials", 250, null, "midsized"),
                Arguments.of("We are a large conglomerate affiliate", "-", null, null, "large"),
                Arguments.of("we are not a large company, we are a small business", "-", null, null, "sme"),
                Arguments.of("I'm a pre-founder, no company yet", "-", null, null, "pre_founder"),
                Arguments.of("I am a sole proprietor making test equipment", "equipment", null, null, "sole_proprietor"),
                Arguments.of("university lab spin-off working on anodes", "materials", null, null, "startup"),
                Arguments.of("We do battery testing and certification", "testing", null, null, "-"),
                Arguments.of("food company, nothing to do with batteries", "other", null, null, "-"),
                Arguments.of("19년에 설립된 동박 회사입니다", "materials", null, 2019, "-"),
                Arguments.of("설립연도는 2008년이고 직원 수는 60명", "-", 60, 2008, "-"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("facts")
    void segmentSizeAgeType(String text, String segment, Integer employees, Integer founded, String type) {
        CompanyProfile p = CompanyProfileExtractor.extract(text);
        assertEquals(value(segment), p.segment(), "segment of " + text);
        assertEquals(employees, p.employees(), "employees of " + text);
        assertEquals(founded, p.foundedYear(), "founded of " + text);
        assertEquals(value(type), p.companyType(), "type of " + text);
    }

    @Test
    void aBareDistrictWithAnotherCityNamedIsLeftUnresolvedNotTakenForDaejeon() {
        CompanyProfileExtractor.Reading r = CompanyProfileExtractor.read("본사는 서구에 있고 공장은 대구에 있어요");
        assertEquals(java.util.List.of("서구"), r.unresolved());
        assertNull(r.profile().daejeonSites());
        assertFalse(r.daejeonNamed());
    }

    @Test
    void newerFactsWinAndNullsKeepOlder() {
        CompanyProfile older = new CompanyProfile("seoul", null, null, Set.of("hq"), null, "materials", 30, 2019, "sme");
        CompanyProfile newer = new CompanyProfile("daejeon", "yuseong-gu", Set.of("hq", "plant"), null, null, null, 35, null, null);
        CompanyProfile merged = older.merge(newer);
        assertEquals(new CompanyProfile("daejeon", "yuseong-gu", Set.of("hq", "plant"), Set.of(), null, "materials", 35, 2019, "sme"),
                merged);
        assertEquals(older, older.merge(null));
        assertEquals(older, older.merge(CompanyProfile.EMPTY));
        CompanyProfile none = merged.merge(new CompanyProfile(null, null, Set.of(), null, null, null, null, null, null));
        assertEquals(Set.of(), none.daejeonSites(), "\"nothing in Daejeon\" said later replaces the sites");
    }

    @Test
    void theJsonShapeIsStableAndRoundTrips() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        CompanyProfile p = new CompanyProfile("daejeon", "yuseong-gu", Set.of("plant", "hq"), null, "planned", "materials", 35, 2019,
                "sme");
        String json = mapper.writeValueAsString(p);
        assertEquals("{\"region\":\"daejeon\",\"district\":\"yuseong-gu\",\"daejeonSites\":[\"hq\",\"plant\"],\"relocation\":\"planned\","
                + "\"segment\":\"materials\",\"employees\":35,\"foundedYear\":2019,\"companyType\":\"sme\"}", json);
        assertEquals(p, mapper.readValue(json, CompanyProfile.class));
        assertEquals("{}", mapper.writeValueAsString(CompanyProfile.EMPTY));
        assertTrue(mapper.readValue("{}", CompanyProfile.class).isEmpty());
    }

    private static String value(String s) {
        return "-".equals(s) ? null : s;
    }

    private static Set<String> sites(String s) {
        if ("-".equals(s)) {
            return null;
        }
        return s.isEmpty() ? Set.of() : Set.of(s.split(","));
    }
}
