package kr.daejeon.battery.eligibility;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.nlu.MayWeApply;
import kr.daejeon.battery.profile.CompanyProfile;
import kr.daejeon.battery.profile.CompanyProfileExtractor;

/**
 * "저희는 서울에 있는 양극재 회사인데 신청돼요?": a bare "can we apply?" after the company said something a public
 * rule turns on — it is large, it is moving to Daejeon, or it is somewhere else with nothing in Daejeon. Such a
 * question is about that rule, whatever else the classifier sees in it ("신청" alone reads as how to apply), so
 * it is answered with the rule's curated answer (named in {@code faq/eligibility.yaml}, {@code rule_answers})
 * and the pre-check is offered with it. A question about anything else ("교육 신청할 수 있나요?") is left alone.
 */
public final class DecidingFact {

    public static final String LARGE = "large";
    public static final String RELOCATION = "relocation";
    public static final String OUTSIDE_DAEJEON = "outside_daejeon";
    /** A company in Daejeon that said nothing that rules it out: the published basic rule is met. */
    public static final String DAEJEON_SITE = "daejeon_site";
    /** In Daejeon by a research lab only ("서울 본사에 대전엔 연구소만"): the lab counts as the Daejeon site. */
    public static final String DAEJEON_LAB_ONLY = "daejeon_lab_only";
    /** In Daejeon by a branch office only: the branch counts as the Daejeon site. */
    public static final String DAEJEON_BRANCH_ONLY = "daejeon_branch_only";
    /** A plant in Daejeon, the head office elsewhere ("본사는 충남, 공장은 대전"): the plant counts. */
    public static final String DAEJEON_PLANT_HQ_ELSEWHERE = "daejeon_plant_hq_elsewhere";
    /** Every fact a rule answer must be named for in {@code rule_answers}. */
    public static final List<String> FACTS = List.of(LARGE, RELOCATION, OUTSIDE_DAEJEON, DAEJEON_SITE, DAEJEON_LAB_ONLY,
            DAEJEON_BRANCH_ONLY, DAEJEON_PLANT_HQ_ELSEWHERE);

    /** Company types with a curated answer of their own: 중견기업, 예비창업자, 개인사업자, 연구기관, 대학. */
    private static final Set<String> NOT_PLAIN_COMPANY = Set.of("midsized", "pre_founder", "sole_proprietor",
            "research_institute", "university");

    /** Where the self-description ends and the question starts: "…회사인데 | 신청돼요?", "…in Busan, | can we apply?", "…없어요 ㅠ | 방법 없나요?" (ㅠ is a conjoining vowel after NFKC). */
    private static final Pattern LAST_CLAUSE = Pattern.compile("(?:인데요?|는데요?|[,.;!]|—|[ㅠㅜ\\u1172\\u116e]+)\\s*");
    /** With no clause mark, the self-description ends in the company itself: "대덕구 양극재 중소기업 | 신청 되나요?". */
    private static final Pattern COMPANY_THEN_QUESTION = Pattern.compile("^(.+(?:기업|회사|업체))(?:은|는|도|이|가)?\\s+(.+)$");
    private DecidingFact() {
    }

    /** The fact a bare "can we apply?" in {@code text} turns on ({@link #LARGE}, {@link #RELOCATION}, {@link #OUTSIDE_DAEJEON}), if any. */
    public static Optional<String> of(String text) {
        String t = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip()
                .replaceAll("[?？!~]+$", "").replaceAll("\\s+", " ");
        String[] clauses = LAST_CLAUSE.split(t);
        String question = clauses.length == 0 ? "" : clauses[clauses.length - 1].strip().replaceAll("[?？!.~]+$", "");
        boolean described = clauses.length >= 2;
        if (!described) {
            Matcher m = COMPANY_THEN_QUESTION.matcher(question);
            if (m.matches()) {
                described = true;
                question = m.group(2);
            }
        }
        if (!described || !MayWeApply.bare(question)) {
            return Optional.empty();
        }
        CompanyProfile p = CompanyProfileExtractor.extract(text);
        if (LARGE.equals(p.companyType())) {
            return Optional.of(LARGE); // fails whatever the location
        }
        if (p.relocation() != null) {
            return Optional.of(RELOCATION);
        }
        boolean elsewhere = p.region() != null && !CompanyProfile.DAEJEON.equals(p.region())
                || p.daejeonSites() != null && p.daejeonSites().isEmpty();
        if (elsewhere && !p.hasDaejeonSite()) {
            return Optional.of(OUTSIDE_DAEJEON);
        }
        // A mid-sized company, a pre-founder, an institute or a company outside the field has a curated answer of its own.
        boolean plainCompany = p.companyType() == null || !NOT_PLAIN_COMPANY.contains(p.companyType());
        if (!plainCompany || "other".equals(p.segment()) || !(p.hasDaejeonSite() || CompanyProfile.DAEJEON.equals(p.region()))) {
            return Optional.empty();
        }
        Set<String> here = p.daejeonSites() == null ? Set.of() : p.daejeonSites();
        boolean mainSiteHere = here.isEmpty() || here.contains("hq") || here.contains("plant");
        if (!mainSiteHere) {
            // Only a lab or a branch here: the answer that says that site counts (and what the call left open about it).
            return here.contains("lab") ? Optional.of(DAEJEON_LAB_ONLY)
                    : here.contains("branch") ? Optional.of(DAEJEON_BRANCH_ONLY) : Optional.empty();
        }
        boolean alsoElsewhere = p.otherSites() != null && !p.otherSites().isEmpty();
        if (!alsoElsewhere) {
            return Optional.of(DAEJEON_SITE);
        }
        // Other mixes (a Daejeon head office with a plant elsewhere…) are left to the ranking over the curated answers.
        return here.contains("plant") && !here.contains("hq") && p.otherSites().contains("hq")
                ? Optional.of(DAEJEON_PLANT_HQ_ELSEWHERE) : Optional.empty();
    }
}
