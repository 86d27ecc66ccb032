package kr.daejeon.battery.profile;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What a company has said about itself, gathered from its messages; stored with the conversation
 * (plain values only, a stable JSON shape). Every field may be null: null means "not said".
 *
 * @param region the 시·도 key where the company is ("daejeon", "seoul", "sejong", ...; "abroad"; "other" when
 *               only a wider area such as 수도권 was named)
 * @param district for Daejeon: dong-gu, jung-gu, seo-gu, yuseong-gu or daedeok-gu
 * @param daejeonSites the sites (hq, branch, plant, lab) said to be IN Daejeon; an EMPTY set means the
 *                     company said it has nothing in Daejeon ("대전에는 없어요"), null means not said
 * @param otherSites the sites said to be somewhere else
 * @param relocation a move to Daejeon: "planned" or "confirmed"
 * @param segment materials, parts, equipment, cells, packs, ess, recycling, testing or other
 * @param companyType sme, midsized, large, startup, pre_founder, sole_proprietor, research_institute or university
 * @param sales the latest year's sales in 억 원 (100 million won), as the company said it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"region", "district", "daejeonSites", "otherSites", "relocation", "segment", "employees", "foundedYear",
        "companyType", "sales"})
public record CompanyProfile(String region, String district, Set<String> daejeonSites, Set<String> otherSites, String relocation,
                             String segment, Integer employees, Integer foundedYear, String companyType, Integer sales) {

    public static final String DAEJEON = "daejeon";
    public static final List<String> SITES = List.of("hq", "plant", "lab", "branch");
    public static final List<String> SEGMENTS = List.of("materials", "parts", "equipment", "cells", "packs", "ess", "recycling",
            "testing", "other");
    public static final List<String> COMPANY_TYPES = List.of("sme", "midsized", "large", "startup", "pre_founder", "sole_proprietor",
            "research_institute", "university");
    public static final CompanyProfile EMPTY = new CompanyProfile(null, null, null, null, null, null, null, null, null, null);

    public CompanyProfile(String region, String district, Set<String> daejeonSites, Set<String> otherSites, String relocation,
                          String segment, Integer employees, Integer foundedYear, String companyType) {
        this(region, district, daejeonSites, otherSites, relocation, segment, employees, foundedYear, companyType, null);
    }

    public CompanyProfile {
        daejeonSites = sorted(daejeonSites);
        otherSites = sorted(otherSites);
    }

    private static Set<String> sorted(Set<String> sites) {
        // Sorted, so the stored JSON does not depend on the order facts came in.
        return sites == null ? null : Collections.unmodifiableSortedSet(new TreeSet<>(sites));
    }

    /**
     * This profile updated with what was said later: a newer fact wins, a null keeps the older one.
     * Sites are added up ("공장은 유성구" and later "연구소도 대덕에 있어요" is both); a site newly said to be
     * in (or outside) Daejeon leaves the other set.
     */
    public CompanyProfile merge(CompanyProfile newer) {
        if (newer == null) {
            return this;
        }
        Set<String> inDaejeon = union(daejeonSites, newer.daejeonSites, newer.otherSites);
        Set<String> elsewhere = union(otherSites, newer.otherSites, newer.daejeonSites);
        if (newer.daejeonSites != null && newer.daejeonSites.isEmpty()) {
            inDaejeon = Set.of(); // "nothing in Daejeon" said later replaces the sites said before
        }
        String newerDistrict = newer.district != null ? newer.district : newer.region != null && !newer.region.equals(region) ? null : district;
        return new CompanyProfile(pick(newer.region, region), newerDistrict, inDaejeon, elsewhere,
                pick(newer.relocation, relocation), pick(newer.segment, segment), pick(newer.employees, employees),
                pick(newer.foundedYear, foundedYear), pick(newer.companyType, companyType), pick(newer.sales, sales));
    }

    private static Set<String> union(Set<String> older, Set<String> newer, Set<String> movedAway) {
        if (older == null && newer == null) {
            return null;
        }
        SortedSet<String> out = new TreeSet<>();
        if (older != null) {
            out.addAll(older);
        }
        if (movedAway != null) {
            out.removeAll(movedAway);
        }
        if (newer != null) {
            out.addAll(newer);
        }
        return out;
    }

    private static <T> T pick(T newer, T older) {
        return newer != null ? newer : older;
    }

    /** Nothing was said. */
    @JsonIgnore
    public boolean isEmpty() {
        return equals(EMPTY);
    }

    /** At least one site is said to be in Daejeon. */
    @JsonIgnore
    public boolean hasDaejeonSite() {
        return daejeonSites != null && !daejeonSites.isEmpty();
    }
}
