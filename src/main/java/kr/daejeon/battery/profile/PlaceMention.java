package kr.daejeon.battery.profile;

/**
 * A place named in a text: where it was found in the normalised text and what it is.
 *
 * @param region the 시·도 key ("daejeon", "seoul", ..., "abroad", "other"); null for a bare 동구/중구/서구 that
 *               could be in several cities and could not be resolved from the rest of the text
 * @param district the Daejeon district when the place is in Daejeon and the district is known
 * @param kind province, metro, city, county, district, area, abroad or ambiguous (as in the gazetteer)
 */
public record PlaceMention(String surface, int start, int end, String region, String district, String kind) {

    public boolean inDaejeon() {
        return CompanyProfile.DAEJEON.equals(region);
    }

    /** Named, but which city it is in could not be told (a bare "서구" while another city is named). */
    public boolean unresolved() {
        return region == null;
    }

    PlaceMention resolvedTo(String newRegion, String newDistrict) {
        return new PlaceMention(surface, start, end, newRegion, newDistrict, kind);
    }
}
