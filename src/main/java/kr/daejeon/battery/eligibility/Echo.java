package kr.daejeon.battery.eligibility;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.profile.CompanyProfile;

/**
 * What the pre-check understood, said back in a sentence for "맞나요?": Korean as a clause that takes
 * "~고 이해했어요" ("대전 유성구에 공장이 있다"), English as one that follows "I understood that".
 */
final class Echo {

    private static final Map<String, String[]> SITES = Map.of("hq", new String[] {"본사", "head office"}, "plant",
            new String[] {"공장", "plant"}, "lab", new String[] {"연구소", "research institute"}, "branch", new String[] {"지사", "branch"});
    private static final Map<String, String[]> DISTRICTS = Map.of("dong-gu", new String[] {"동구", "Dong-gu"}, "jung-gu",
            new String[] {"중구", "Jung-gu"}, "seo-gu", new String[] {"서구", "Seo-gu"}, "yuseong-gu", new String[] {"유성구", "Yuseong-gu"},
            "daedeok-gu", new String[] {"대덕구", "Daedeok-gu"});
    private static final Map<String, String[]> LABELS = Map.ofEntries(
            Map.entry("site", new String[] {"대전 사업장", "a site in Daejeon"}),
            Map.entry("startup", new String[] {"중소기업(스타트업)", "SME (startup)"}),
            Map.entry("institution", new String[] {"연구기관·대학", "research institute or university"}),
            Map.entry("unknown", new String[] {"잘 모름", "not sure"}));
    private static final Map<String, String[]> TYPES = Map.of(
            "sme", new String[] {"중소기업이라", "you are an SME"},
            "startup", new String[] {"스타트업(중소기업)이라", "you are a startup (an SME)"},
            "midsized", new String[] {"중견기업이라", "you are a mid-sized company"},
            "large", new String[] {"대기업이라", "you are a large company"},
            "pre_founder", new String[] {"아직 창업 전(예비창업자)이라", "you have not founded the company yet"},
            "sole_proprietor", new String[] {"개인사업자라", "you are a sole proprietor"},
            "institution", new String[] {"연구기관 또는 대학이라", "you are a research institute or university"},
            "unknown", new String[] {"기업 규모를 잘 모르신다", "you are not sure of the company's size"});
    private static final Map<String, String[]> SEGMENTS = Map.of(
            "materials", new String[] {"소재", "materials"}, "parts", new String[] {"부품", "parts"},
            "equipment", new String[] {"공정장비", "process equipment"}, "cells", new String[] {"셀", "cells"},
            "packs", new String[] {"모듈·팩", "modules and packs"}, "ess", new String[] {"ESS", "ESS"},
            "recycling", new String[] {"재활용", "recycling"}, "testing", new String[] {"시험·평가·서비스", "testing and services"});

    private Echo() {
    }

    static String label(String value, Language language) {
        String[] l = LABELS.get(value);
        return l == null ? value : l[language == Language.KO ? 0 : 1];
    }

    static String fact(String question, String value, CompanyProfile p, String placeNamed, Language language) {
        boolean ko = language == Language.KO;
        return switch (question) {
            case "location" -> location(value, p, placeNamed, ko);
            case "company_type" -> pick(TYPES.get(value), ko, ko ? value + "(이)라" : "your company type is " + value);
            case "segment" -> value.equals("other") ? (ko ? "배터리와 관련 없는 분야라" : "your business is not battery-related")
                    : value.equals("unknown") ? (ko ? "분야를 잘 모르신다" : "you are not sure of your field")
                    : ko ? pick(SEGMENTS.get(value), true, value) + " 분야라" : "you work in " + pick(SEGMENTS.get(value), false, value);
            case "employees" -> value.equals("unknown") ? (ko ? "상시 근로자 수를 잘 모르신다" : "you are not sure how many employees you have")
                    : ko ? "상시 근로자가 " + value + "명이라" : "you have " + value + (value.equals("1") ? " employee" : " employees");
            case "sales" -> sales(value, ko);
            default -> value;
        };
    }

    private static String location(String value, CompanyProfile p, String placeNamed, boolean ko) {
        String where = "대전";
        String whereEn = "Daejeon";
        if (p.district() != null && DISTRICTS.containsKey(p.district())) {
            where = "대전 " + DISTRICTS.get(p.district())[0];
            whereEn = DISTRICTS.get(p.district())[1] + ", Daejeon";
        }
        switch (value) {
            case "none":
                if (placeNamed != null) {
                    return ko ? "대전에는 사업장이 없고 " + placeNamed + "에 있다" : "you have nothing in Daejeon (you named " + capitalize(placeNamed) + ")";
                }
                return ko ? "대전에는 사업장이 없다" : "you have nothing in Daejeon";
            case "site":
                return ko ? where + "에 사업장이 있다" : "you have a site in " + whereEn;
            case "relocation_planned":
                return ko ? "대전으로 이전하거나 대전에 사업장을 낼 계획이지만 아직 확정되지 않았다" : "you plan to move to Daejeon (or open a site there) but it is not confirmed yet";
            case "relocation_confirmed":
                return ko ? "대전 이전이 확정되었다" : "your move to Daejeon is confirmed";
            default:
                List<String> names = new ArrayList<>();
                for (String s : value.split("\\+")) {
                    names.add(SITES.containsKey(s) ? SITES.get(s)[ko ? 0 : 1] : s);
                }
                List<String> elsewhere = new ArrayList<>();
                if (p.otherSites() != null) {
                    p.otherSites().stream().filter(s -> !value.contains(s)).forEach(s -> elsewhere.add(SITES.get(s)[ko ? 0 : 1]));
                }
                if (ko) {
                    String joined = String.join("·", names);
                    String here = where + "에 " + joined + (hasFinalConsonant(joined) ? "이" : "가") + " 있";
                    if (elsewhere.isEmpty()) {
                        return here + "다";
                    }
                    String there = String.join("·", elsewhere);
                    return here + "고 " + there + (hasFinalConsonant(there) ? "은" : "는") + " 대전 밖에 있다";
                }
                String outside = elsewhere.isEmpty() ? "" : ", and your " + String.join(" and ", elsewhere) + " is outside Daejeon";
                return "you have a " + String.join(" and ", names) + " in " + whereEn + outside;
        }
    }

    private static String sales(String value, boolean ko) {
        if (value.equals("unknown")) {
            return ko ? "매출액을 잘 모르신다" : "you are not sure of your sales";
        }
        long eok = Long.parseLong(value);
        if (eok == 0) {
            return ko ? "최근 연도 매출액이 1억 원 미만이라" : "your sales in the latest year were under 100 million won";
        }
        if (ko) {
            return "최근 연도 매출액이 약 " + eok + "억 원이라";
        }
        return "your sales in the latest year were about " + (eok >= 10 ? String.format(java.util.Locale.ROOT, "%.1f billion", eok / 10.0)
                : eok * 100 + " million") + " won";
    }

    private static String pick(String[] pair, boolean ko, String fallback) {
        return pair == null ? fallback : pair[ko ? 0 : 1];
    }

    private static boolean hasFinalConsonant(String word) {
        char last = word.charAt(word.length() - 1);
        return last >= 0xAC00 && last <= 0xD7A3 && (last - 0xAC00) % 28 != 0;
    }

    private static String capitalize(String s) {
        StringBuilder b = new StringBuilder();
        for (String w : s.split(" ")) {
            b.append(b.length() == 0 ? "" : " ").append(w.isEmpty() ? w : Character.toUpperCase(w.charAt(0)) + w.substring(1));
        }
        return b.toString();
    }
}
