package kr.daejeon.battery.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The place gazetteer: every 시·도 in its spellings, particles, Daejeon's districts, the ambiguous 구. */
class GazetteerTest {

    static String regions(String text) {
        return String.join(" ", Gazetteer.shared().find(text).stream().map(m -> m.region() == null ? "?" : m.region()).toList());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "서울 | seoul", "서울시 | seoul", "서울특별시 | seoul", "Seoul | seoul", "서울에 | seoul", "서울에서 | seoul",
            "부산 | busan", "부산광역시 | busan", "Busan | busan", "Pusan | busan", "대구 | daegu", "인천에서 | incheon",
            "광주광역시 | gwangju", "울산 | ulsan", "세종 | sejong", "세종시에서 | sejong", "세종특별자치시 | sejong", "Sejong | sejong",
            "경기도 | gyeonggi", "Gyeonggi-do | gyeonggi", "강원도 | gangwon", "충북 | chungbuk", "충청북도 | chungbuk",
            "North Chungcheong | chungbuk", "충남 | chungnam", "충청남도 | chungnam", "Chungnam | chungnam",
            "South Chungcheong | chungnam", "전북 | jeonbuk", "전라북도 | jeonbuk", "전남 | jeonnam", "경북 | gyeongbuk",
            "경상남도 | gyeongnam", "제주 | jeju", "대전 | daejeon", "대전광역시 | daejeon", "Daejeon | daejeon",
            "천안 | chungnam", "청주 | chungbuk", "오창에 | chungbuk", "오송 | chungbuk", "아산 | chungnam", "평택 | gyeonggi",
            "구미 | gyeongbuk", "포항 | gyeongbuk", "창원 | gyeongnam", "김해 | gyeongnam", "광양 | jeonnam", "익산 | jeonbuk",
            "새만금 | jeonbuk", "Cheonan | chungnam", "Cheongju | chungbuk", "Ochang | chungbuk", "Pohang | gyeongbuk",
            "Gwangyang | jeonnam", "청주 오창에 | chungbuk chungbuk", "부산·울산 | busan ulsan", "유성구 | daejeon", "유성 | daejeon",
            "대덕구 | daejeon", "대덕 | daejeon", "둔산 | daejeon", "대덕연구개발특구 | daejeon", "대덕테크노밸리 | daejeon",
            "대덕산업단지 | daejeon", "Yuseong-gu | daejeon", "Daedeok Innopolis | daejeon", "서구 | daejeon", "중구 | daejeon",
            "동구 | daejeon", "대전 서구 | daejeon daejeon", "부산 중구 | busan busan", "대구 서구 | daegu daegu",
            "인천 서구 | incheon incheon", "광주 동구 | gwangju gwangju", "울산 동구 | ulsan ulsan", "남구 | other",
            "서구 부산 | busan busan", "Seo-gu, Incheon | incheon incheon", "대덕전자 | ''", "세종대 | ''", "양산 공장 | ''", "양산시 | gyeongnam", "구리 박막 | ''",
            "이천만 원 | ''", "연수 과정 | ''", "예산 | ''", "Asan | chungnam", "in Seoul | seoul", "Seoulite | ''"})
    void findsPlaces(String text, String expected) {
        assertEquals(expected, regions(text), text);
    }

    @Test
    void daejeonDistrictsAreKnown() {
        assertEquals("yuseong-gu", Gazetteer.shared().find("유성구에").get(0).district());
        assertEquals("daedeok-gu", Gazetteer.shared().find("대덕구").get(0).district());
        assertEquals("seo-gu", Gazetteer.shared().find("둔산동").get(0).district());
        assertEquals("seo-gu", Gazetteer.shared().find("대전 서구").get(1).district());
        assertEquals(null, Gazetteer.shared().find("부산 서구").get(1).district());
    }

    @Test
    void everyProvinceAndMetropolitanCityIsThere() {
        List<String> keys = List.of("seoul", "busan", "daegu", "incheon", "gwangju", "daejeon", "ulsan", "sejong", "gyeonggi", "gangwon",
                "chungbuk", "chungnam", "jeonbuk", "jeonnam", "gyeongbuk", "gyeongnam", "jeju");
        String[] names = {"서울특별시", "부산광역시", "대구광역시", "인천광역시", "광주광역시", "대전광역시", "울산광역시", "세종특별자치시", "경기도", "강원특별자치도",
                "충청북도", "충청남도", "전북특별자치도", "전라남도", "경상북도", "경상남도", "제주특별자치도"};
        for (int i = 0; i < names.length; i++) {
            assertEquals(keys.get(i), regions(names[i]), names[i]);
        }
        assertTrue(Gazetteer.shared().size() > 500, "all spellings: " + Gazetteer.shared().size());
    }

    @Test
    void everyCityOfTheCountryIsKnownAndNoneIsDaejeon() {
        java.util.Map<String, String> cities = new java.util.LinkedHashMap<>();
        for (String c : "수원 성남 고양 용인 부천 안산 안양 남양주 화성 평택 의정부 시흥 파주 김포 광명 군포 하남 오산 이천 안성 의왕 양주 구리 포천 여주 동두천 과천".split(" ")) {
            cities.put(c, "gyeonggi");
        }
        for (String c : "춘천 원주 강릉 동해 태백 속초 삼척".split(" ")) {
            cities.put(c, "gangwon");
        }
        for (String c : "청주 충주 제천".split(" ")) {
            cities.put(c, "chungbuk");
        }
        for (String c : "천안 공주 보령 아산 서산 논산 계룡 당진".split(" ")) {
            cities.put(c, "chungnam");
        }
        for (String c : "전주 군산 익산 정읍 남원 김제".split(" ")) {
            cities.put(c, "jeonbuk");
        }
        for (String c : "목포 여수 순천 나주 광양".split(" ")) {
            cities.put(c, "jeonnam");
        }
        for (String c : "포항 경주 김천 안동 구미 영주 영천 상주 문경 경산".split(" ")) {
            cities.put(c, "gyeongbuk");
        }
        for (String c : "창원 진주 통영 사천 김해 밀양 거제 양산".split(" ")) {
            cities.put(c, "gyeongnam");
        }
        cities.put("제주", "jeju");
        cities.put("서귀포", "jeju");
        assertEquals(76, cities.size(), "the 75 시 of the provinces less 경기 광주 (below), with 제주시 and 서귀포시");
        cities.forEach((city, province) -> assertEquals(province, regions(city + "시에"), city + "시"));
        assertEquals("gyeonggi", regions("경기 광주"), "not the metropolitan city");
    }

    @Test
    void aBrokenLineIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Gazetteer.parse(List.of("# c", "seoul\tmetro")));
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
