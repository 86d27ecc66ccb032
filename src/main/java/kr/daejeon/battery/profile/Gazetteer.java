package kr.daejeon.battery.profile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.daejeon.battery.nlu.TextNormalizer;

/**
 * The places of Korea a company is likely to name, as data ({@code places-kr.tsv}), and finding them
 * in a text in Korean or English.
 *
 * <p>Korean has no spaces between a name and its particle ("서울에", "세종시에서", "청주 오창에"), so a Korean
 * name counts when what follows it in the same word is a particle or place suffix, or another place
 * ("대전유성구"), and it starts a word (or follows another place). That is what keeps "대덕" in "대덕전자"
 * (a company name) and "세종" in "세종대" from being places. English names count on word boundaries.
 * A bare 동구/중구/서구 exists in several metropolitan cities: it takes the city named right before it
 * ("부산 서구"), is Daejeon's when no other place in the text is outside Daejeon, and is otherwise left
 * unresolved (region null) — never guessed to be in Daejeon.
 */
public final class Gazetteer {

    /** What may follow a Korean place name inside the same word. */
    private static final List<String> KOREAN_TAILS = List.of("에서는", "에서도", "에서", "에는", "엔", "에도", "에선", "에만", "에", "으로", "로", "은", "는", "이", "가",
            "을", "를", "의", "과", "와", "하고", "이랑", "랑", "도", "만", "까지", "부터", "쪽", "지역", "소재", "권", "근처", "인근", "이고",
            "이며", "이에요", "이예요", "예요", "입니다", "인데", "이라", "라서", "라고", "이었", "였", "청", "시", "군", "구", "동", "읍", "면",
            "내", "산단", "산업단지", "공단", "공장", "본사", "지사", "사업장", "연구소", "센터", "캠퍼스", "이전", "소재지", "점", "에있");

    private record Entry(String name, boolean korean, String region, String district, String kind, List<String> candidates) {
    }

    private static volatile Gazetteer shared;

    private final List<Entry> entries;
    /** The entries by their first character, longest first: a text is scanned once, not once per name. */
    private final Map<Character, List<Entry>> byFirst;

    private Gazetteer(List<Entry> entries) {
        // Longest first, so "대덕테크노밸리" wins over "대덕" and "세종특별자치시" over "세종".
        this.entries = entries.stream().sorted(Comparator.comparingInt((Entry e) -> e.name().length()).reversed()).toList();
        Map<Character, List<Entry>> index = new HashMap<>();
        for (Entry e : this.entries) {
            index.computeIfAbsent(e.name().charAt(0), k -> new ArrayList<>()).add(e);
        }
        this.byFirst = index;
    }

    private List<Entry> startingWith(char c) {
        return byFirst.getOrDefault(c, List.of());
    }

    /** The gazetteer shipped as {@code /places-kr.tsv} on the class path. */
    public static Gazetteer shared() {
        Gazetteer g = shared;
        if (g == null) {
            try (InputStream in = Gazetteer.class.getResourceAsStream("/places-kr.tsv")) {
                if (in == null) {
                    throw new IllegalStateException("places-kr.tsv is not on the class path");
                }
                g = parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shared = g;
        }
        return g;
    }

    static Gazetteer parse(List<String> lines) {
        List<Entry> entries = new ArrayList<>();
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length != 4) {
                throw new IllegalArgumentException("places-kr.tsv line " + n + ": needs 4 tab-separated columns");
            }
            String kind = cols[2].strip();
            List<String> candidates = List.of();
            String region = cols[0].strip();
            if (kind.equals("ambiguous")) {
                String[] parts = region.split("\\|");
                candidates = List.of(parts).subList(1, parts.length);
                region = null;
            }
            String district = cols[1].strip().isEmpty() ? null : cols[1].strip();
            Set<String> names = new LinkedHashSet<>();
            for (String raw : cols[3].split(",")) {
                String name = TextNormalizer.normalize(raw);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
            for (String name : names) {
                entries.add(new Entry(name, TextNormalizer.isHangul(name.codePointAt(0)), region, district, kind, candidates));
            }
        }
        return new Gazetteer(entries);
    }

    /** Every name (normalised) with its region: a 시·도 key, or null for a district name found in several cities. */
    public Map<String, String> regionsByName() {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Entry e : entries) {
            out.putIfAbsent(e.name(), e.region());
        }
        return out;
    }

    /** How many names the gazetteer knows (all spellings). */
    public int size() {
        return entries.size();
    }

    /** The places named in {@code text} (normalised here), in order, ambiguous districts resolved where the text allows. */
    public List<PlaceMention> find(String text) {
        return find(text, false);
    }

    /**
     * @param elsewhereNamed another part of the same message names a place outside Daejeon, so a bare
     *                       동구/중구/서구 in this part must not be taken for Daejeon's
     */
    public List<PlaceMention> find(String text, boolean elsewhereNamed) {
        String t = TextNormalizer.normalize(text);
        List<PlaceMention> found = new ArrayList<>();
        List<Entry> kinds = new ArrayList<>();
        int i = 0;
        int lastEnd = -1;
        while (i < t.length()) {
            Entry hit = null;
            if (startsWord(t, i) || i == lastEnd) {
                for (Entry e : startingWith(t.charAt(i))) {
                    if (t.startsWith(e.name(), i) && endsWell(t, i + e.name().length(), e)) {
                        hit = e;
                        break;
                    }
                }
            }
            if (hit == null) {
                i++;
                continue;
            }
            int end = i + hit.name().length();
            found.add(new PlaceMention(hit.name(), i, end, hit.region(), hit.district(), hit.kind()));
            kinds.add(hit);
            lastEnd = end;
            i = end;
        }
        return resolve(t, found, kinds, elsewhereNamed);
    }

    private static boolean startsWord(String t, int i) {
        return i == 0 || !Character.isLetterOrDigit(t.charAt(i - 1));
    }

    private boolean endsWell(String t, int end, Entry e) {
        if (end >= t.length() || !Character.isLetterOrDigit(t.charAt(end))) {
            return true;
        }
        if (!e.korean()) {
            return false;
        }
        if (!TextNormalizer.isHangul(t.charAt(end))) {
            return true; // "서울2공장", "유성r&d" — digits or Latin glued to a Korean name
        }
        for (String tail : KOREAN_TAILS) {
            if (t.startsWith(tail, end)) {
                return true;
            }
        }
        // Another place glued on: "대전유성구", "청주오창".
        for (Entry next : startingWith(t.charAt(end))) {
            if (next.korean() && t.startsWith(next.name(), end) && endsWell(t, end + next.name().length(), next)) {
                return true;
            }
        }
        return false;
    }

    private static List<PlaceMention> resolve(String t, List<PlaceMention> found, List<Entry> entries, boolean elsewhereNamedOutside) {
        boolean elsewhereNamed = elsewhereNamedOutside;
        for (int k = 0; k < found.size(); k++) {
            PlaceMention m = found.get(k);
            elsewhereNamed |= m.region() != null ? !m.inDaejeon() : !entries.get(k).candidates().contains(CompanyProfile.DAEJEON);
        }
        List<PlaceMention> out = new ArrayList<>(found.size());
        for (int k = 0; k < found.size(); k++) {
            PlaceMention m = found.get(k);
            Entry e = entries.get(k);
            if (m.region() != null) {
                out.add(m);
                continue;
            }
            // The city named right before it: "부산 서구", "대전 서구", "Daejeon Seo-gu".
            PlaceMention before = k > 0 ? found.get(k - 1) : null;
            boolean adjacentBefore = before != null && before.region() != null && t.substring(before.end(), m.start()).isBlank();
            PlaceMention after = k + 1 < found.size() ? found.get(k + 1) : null;
            boolean adjacentAfter = after != null && after.region() != null && t.substring(m.end(), after.start()).isBlank();
            if (adjacentBefore && !before.kind().equals("ambiguous")) {
                out.add(m.resolvedTo(before.region(), before.inDaejeon() ? e.district() : null));
            } else if (adjacentAfter && after.inDaejeon() && after.district() != null) {
                out.add(m.resolvedTo(CompanyProfile.DAEJEON, e.district())); // "서구 둔산동"
            } else if (adjacentAfter && (after.kind().equals("metro"))) {
                // English order, "Seo-gu, Incheon"
                out.add(m.resolvedTo(after.region(), after.inDaejeon() ? e.district() : null));
            } else if (!elsewhereNamed && e.candidates().contains(CompanyProfile.DAEJEON)) {
                out.add(m.resolvedTo(CompanyProfile.DAEJEON, e.district()));
            } else if (!e.candidates().contains(CompanyProfile.DAEJEON)) {
                out.add(m.resolvedTo("other", null)); // 남구, 북구: not in Daejeon whichever city it is
            } else {
                out.add(m);
            }
        }
        return out;
    }
}
