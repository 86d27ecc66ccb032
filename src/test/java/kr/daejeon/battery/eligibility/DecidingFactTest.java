package kr.daejeon.battery.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which public rule a bare "can we apply?" after a self-description turns on; other questions are left alone. */
class DecidingFactTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "저희는 서울에 있는 양극재 회사인데 신청돼요?|outside_daejeon",
            "부산에 본사와 공장이 있는데요, 지원 가능한가요?|outside_daejeon",
            "대전에는 사업장이 없는데 참여할 수 있나요?|outside_daejeon",
            "we're a big company in Busan, can we apply?|large",
            "대전 유성구에 연구소가 있는 대기업 계열사인데 신청할 수 있나요?|large",
            "대전으로 이전할 예정인 음극재 회사인데 신청돼요?|relocation",
            "We plan to move to Daejeon next year, are we eligible?|relocation",
            "저희는 유성구에 공장이 있는 분리막 업체인데 신청돼요?|daejeon_site",
            "대덕구 양극재 중소기업 신청 되나요?|daejeon_site",
            "저희는 대전 서구에 있는 소재 회사인데 신청 되나요?|daejeon_site",
            "our company is in Dong-gu, Daejeon. are we eligible?|daejeon_site",
            "we're in Seo-gu, Daejeon, an SME making cathode. eligible?|daejeon_site",
            "세종시 기업은 안돼요?|outside_daejeon",
            "충남 논산에 공장 있고 대전엔 아무것도 없어요 ㅠ 방법 없나요?|outside_daejeon",
            "대전에 있는 예비창업자인데 신청돼요?|",
            "본사는 서울이고 연구소는 대전 유성구에 있는 회사인데 신청돼요?|daejeon_lab_only",
            "본사는 서울이고 대전엔 연구소만 있는 회사인데 신청돼요?|daejeon_lab_only",
            "Our HQ is in Seoul and only our R&D center is in Daejeon, can we apply?|daejeon_lab_only",
            "본사는 충남이고 공장은 대전에 있는 회사인데 신청 되나요?|daejeon_plant_hq_elsewhere",
            "대전에 있는 중견기업인데 신청할 수 있나요?|",
            "대전에 지사만 있는 업체인데 신청 가능한가요?|daejeon_branch_only",
            "대전 기업인데 교육 신청 되나요?|",
            "저희는 서울에 있는 회사인데 교육 신청할 수 있나요?|",
            "We are in Seoul, how do we apply?|",
            "신청돼요?|",
            "We are a startup in Sejong, what documents do we need?|"})
    void theDecidingFact(String text, String fact) {
        assertEquals(Optional.ofNullable(fact), DecidingFact.of(text));
    }
}
