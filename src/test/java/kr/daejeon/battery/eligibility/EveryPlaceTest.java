package kr.daejeon.battery.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.profile.CompanyProfile;
import kr.daejeon.battery.profile.Gazetteer;
import org.junit.jupiter.api.Test;

/**
 * Every place in the gazetteer, in the sentences companies write: a place outside Daejeon is never
 * understood as a site in Daejeon, and a Daejeon place always is.
 */
class EveryPlaceTest {

    static final List<String> DAEJEON_ANSWERS = List.of("hq", "plant", "lab", "branch", "site");

    /** The location the check understood from a first free answer, or null when it did not take it as one. */
    static String understood(String text, Language language) {
        EligibilityFlow.Step step = EligibilityTableTest.FLOW.answer(EligibilityTableTest.FLOW.start(language, EligibilityTableTest.NOW).check(),
                text, language, EligibilityTableTest.NOW);
        return step.check() == null ? null : step.check().pending();
    }

    static boolean inDaejeon(String value) {
        return value != null && List.of(value.split("\\+")).stream().anyMatch(DAEJEON_ANSWERS::contains);
    }

    @Test
    void noPlaceOutsideDaejeonIsEverASiteInDaejeon() {
        List<String> wrong = new ArrayList<>();
        int sentences = 0;
        for (Map.Entry<String, String> place : Gazetteer.shared().regionsByName().entrySet()) {
            String name = place.getKey();
            if (place.getValue() == null || CompanyProfile.DAEJEON.equals(place.getValue())) {
                continue;
            }
            boolean latin = name.chars().allMatch(c -> c < 128);
            List<String> texts = latin ? List.of("our plant is in " + name, "HQ in " + name + ", Korea", "We are a startup based in " + name)
                    : List.of(name + "에 공장이 있어요", "본사는 " + name + "에 있어요", name + " 소재 중소기업입니다", "저희 연구소는 " + name + "에서 운영해요");
            for (String t : texts) {
                sentences++;
                String v = understood(t, latin ? Language.EN : Language.KO);
                if (inDaejeon(v)) {
                    wrong.add(t + " -> " + v);
                }
            }
        }
        assertTrue(sentences > 2000, "sentences: " + sentences);
        assertEquals(List.of(), wrong);
    }

    @Test
    void everyDaejeonPlaceIsInDaejeon() {
        List<String> missed = new ArrayList<>();
        for (Map.Entry<String, String> place : Gazetteer.shared().regionsByName().entrySet()) {
            String name = place.getKey();
            boolean ambiguousWithDaejeon = place.getValue() == null && List.of("동구", "중구", "서구", "dong gu", "donggu", "jung gu", "junggu",
                    "seo gu", "seogu").contains(name);
            if (!CompanyProfile.DAEJEON.equals(place.getValue()) && !ambiguousWithDaejeon) {
                continue;
            }
            boolean latin = name.chars().allMatch(c -> c < 128);
            String t = latin ? "our plant is in " + name : name + "에 공장이 있어요";
            String v = understood(t, latin ? Language.EN : Language.KO);
            if (!"plant".equals(v)) {
                missed.add(t + " -> " + v);
            }
        }
        assertEquals(List.of(), missed);
    }
}
