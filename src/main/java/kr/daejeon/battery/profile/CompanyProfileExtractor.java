package kr.daejeon.battery.profile;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.nlu.TextNormalizer;

/**
 * Reads what a company says about itself — where it is and which of its sites are where, a move to
 * Daejeon, its value-chain segment, size, founding year and type — from a message in Korean or
 * English ("안녕하세요, 저희는 대덕구에 있는 분리막 업체인데요, 직원은 35명이고 2019년에 설립했어요").
 *
 * <p>The message is cut into clauses ("본사는 서울이고 | 공장은 유성구에 있어요", "HQ in Seoul | and a plant in
 * Sejong"); the sites named in a clause are where the places of that clause are. A place outside
 * Daejeon is never taken for a Daejeon site; a clause that says "대전에는 없어요" records that nothing is
 * in Daejeon. Rules, not a model: every decision can be read here and tested.
 */
public final class CompanyProfileExtractor {

    /**
     * The profile and what the flow needs to talk about it.
     *
     * @param places the places named, in order (ambiguous districts resolved where possible)
     * @param unresolved bare 동구/중구/서구 whose city could not be told (another city is also named)
     * @param unplacedSites sites named with no place anywhere in the message ("공장 있어요")
     * @param negated the message says something is NOT in Daejeon (or that it has no site)
     * @param daejeonDiscounted Daejeon is named, but not as where the company is ("대전시 지원사업", "near Daejeon",
     *                          "예전에는 대전에"): a site named with it is not placed in Daejeon by default
     */
    public record Reading(CompanyProfile profile, List<PlaceMention> places, List<String> unresolved, Set<String> unplacedSites,
                          boolean negated, boolean daejeonDiscounted) {

        public boolean daejeonNamed() {
            return places.stream().anyMatch(PlaceMention::inDaejeon);
        }

        public boolean elsewhereNamed() {
            return places.stream().anyMatch(p -> p.region() != null && !p.inDaejeon());
        }
    }

    private static final Pattern CLAUSE_BREAK = Pattern.compile(
            "[,.;!?\\n/]+|\\s+(?:and|but|while|whereas|although|though|however|plus)\\s+|(?<=[있없이])(?:고|며|으며|는데|지만)\\s+"
                    + "|(?<=[가-힣])(?:인데요|인데|이지만|이구요|이고요|이며|었는데|였는데|었고|였고|었지만|였지만)\\s+|\\s(?:그리고|하지만|그런데|근데)\\s");

    private static final Map<String, List<String>> SITE_WORDS = Map.of(
            "hq", List.of("본사", "본점", "헤드쿼터", "본부", "head office", "headquarter", "hq", "main office", "head quarter"),
            "branch", List.of("지사", "지점", "영업소", "사무소", "사무실", "출장소", "branch", "sales office", "office"),
            "plant", List.of("공장", "생산시설", "생산 시설", "생산라인", "생산 라인", "제조시설", "제조 시설", "생산기지", "생산 기지", "plant", "factory",
                    "production site", "manufacturing site", "production line", "manufacturing facility", "production facility", "fab"),
            "lab", List.of("연구소", "연구실", "연구센터", "연구 센터", "r d center", "r d centre", "r d", "lab", "laboratory", "research center",
                    "research centre", "research institute"));

    /** The site words as patterns, in the order of {@link CompanyProfile#SITES} (so "head office" is taken before "office"). */
    private static final List<Map.Entry<String, Pattern>> SITE_PATTERNS = CompanyProfile.SITES.stream()
            .flatMap(site -> SITE_WORDS.get(site).stream().map(w -> Map.entry(site, w.chars().allMatch(ch -> ch < 128)
                    ? Pattern.compile("(?<![a-z])" + Pattern.quote(w) + "s?(?![a-z])") : Pattern.compile(Pattern.quote(w)))))
            .toList();

    private static final Pattern NEGATION = Pattern.compile("없|아니|아닙|아님|않|(?<![a-z])(?:no|not|none|nothing|never|don t|do not|isn t|aren t)(?![a-z])");
    private static final Pattern MOVE = Pattern.compile("이전(?!에)|이사|옮기|옮길|옮겨|설립|개설|신설|세울|세우|지을|짓|건립|건설|입주|오픈|(?<![a-z])(?:mov(?:e|ed|ing)|relocat\\w*|open(?:ing)?|set(?:ting)? up|establish(?:ing)?|build(?:ing)?)(?![a-z])");
    private static final Pattern PLANNED = Pattern.compile("예정|계획|하려|려고|준비|추진|검토|할 것|생각|짓는 중|건설 중|공사 중|이전 중|착공|알아보|찾고|물색|부지|"
            + "under construction|being built|looking for|searching for|scouting|(?<![a-z])(?:plan(?:s|ned|ning)?|will|going to|intend\\w*|consider\\w*|soon|next year|expect\\w*|hope|would like)(?![a-z])");
    private static final Pattern CONFIRMED = Pattern.compile("확정|결정|계약|체결|완료|마쳤|마침|했|됐|되었|(?<![a-z])(?:confirmed|signed|decided|completed|finali[sz]ed|done|already|moved|relocated)(?![a-z])");

    private static final Pattern EMPLOYEES = Pattern.compile(
            "(?<![\\d.])(\\d{1,3}(?:,\\d{3})+|\\d{1,6})\\s*(?:명|인(?![가-힣&&[^이의]])|(?:-\\s*)?(?:person|people|persons|employees?|staff|workers?|members?|fte|headcount)(?![a-z]))");
    private static final Pattern EMPLOYEES_AFTER = Pattern.compile(
            "(?:직원|임직원|근로자|상시근로자|상시 근로자|종업원|인원|employees|staff|headcount|workforce|team)\\s*(?:수|은|는|이|가|of|is|are|:)?\\s*(?:약|총|about|around|approximately)?\\s*(\\d{1,6})(?![\\d년.])");
    private static final Pattern FOUNDED_AFTER = Pattern.compile(
            "(?<!\\d)(19[5-9]\\d|20[0-4]\\d|\\d{2})\\s*년?\\s*(?:도|에|도에)?\\s*(?:설립|창업|창립|개업|법인 설립|법인설립|세워|시작)");
    private static final Pattern FOUNDED_BEFORE = Pattern.compile(
            "(?:설립|창업|창립|개업)\\s*(?:연도|년도|일|은|는|:)*\\s*(19[5-9]\\d|20[0-4]\\d)|(?<![a-z])(?:founded|established|incorporated|started|since|set up|launched)\\s*(?:in|on)?\\s*(?:[a-z]+\\s)?(19[5-9]\\d|20[0-4]\\d)(?!\\d)");

    private static final String AWAY = "away";
    private static final Pattern LIST_JOIN = Pattern.compile("\\s*(?:와|과|하고|이랑|랑|및|and|or|또는)?\\s*");
    private static final Pattern REFERENCE_AFTER = Pattern.compile("(?:시|광역시)?\\s?(?:근처|인근|옆|주변|부근|말고|밖|외|제외|출신|쪽으로|에서 가까|과 가까|와 가까|이랑 가까|랑 가까|"
            + "에서 멀지|지원|사업|테크노파크|tp|시청|공고|프로그램|이차전지 ?(?:사업|선도|지원|산업)|선도기업|유망기업|시에서 (?:하는|진행|공고|지원)|"
            + "에서 (?:하는|진행하는|공고한)|시의|시가|(?:city )?(?:program\\w*|technopark|city hall|support\\w*|call|project|area|region)(?![a-z]))");
    private static final Pattern REFERENCE_BEFORE = Pattern.compile("(?<![a-z])(?:near|close to|next to|outside|outside of|around|from|than|of the)\\s$");
    private static final Pattern RELATION = Pattern.compile("고객|거래|납품|협력 ?업체|협력사|파트너|공급|판매|출장|방문|행사|세미나|교육|"
            + "(?<![a-z])(?:customers?|clients?|suppl\\w*|partners?|sell\\w*|deliver\\w*|visit\\w*|events?|seminars?)(?![a-z])");
    private static final Pattern PRESENCE = Pattern.compile("있|위치|소재|기반|자리|둔 |두고|운영|입주|설립|창업|기업|업체|회사|스타트업|"
            + "(?<![a-z])(?:based|located|situated|in|at|founded|started|operate\\w*|company|startup|firm|maker|manufacturer)(?![a-z])");
    /** "예전에는 대전에 있었어요": where the company was, not where it is. */
    private static final Pattern PAST = Pattern.compile("있었|예전|과거|(?<![가-힣])전에는|이었는데|(?<![a-z])(?:used to|previously|formerly|was based|were based)(?![a-z])");
    private static final Pattern RELOCATE_VERB = Pattern.compile("이전(?!에)|이사|옮기|옮길|옮겨|옮겼|(?<![a-z])(?:mov(?:e|ed|ing)|relocat\\w*)(?![a-z])");

    private CompanyProfileExtractor() {
    }

    /** The profile of what {@code text} says. */
    public static CompanyProfile extract(String text) {
        return read(text).profile();
    }

    /** The profile with the places found and what could not be placed. */
    public static Reading read(String text) {
        Gazetteer gazetteer = Gazetteer.shared();
        List<String> clauses = clauses(text);
        List<List<PlaceMention>> firstPass = new ArrayList<>();
        boolean elsewhere = false;
        for (String c : clauses) {
            List<PlaceMention> found = gazetteer.find(c);
            firstPass.add(found);
            elsewhere |= found.stream().anyMatch(p -> p.region() != null && !p.inDaejeon());
        }
        Set<String> inDaejeon = new LinkedHashSet<>();
        Set<String> outside = new LinkedHashSet<>();
        List<PlaceMention> all = new ArrayList<>();
        List<String> unresolved = new ArrayList<>();
        List<Set<String>> unplaced = new ArrayList<>();
        List<List<PlaceMention>> placesOf = new ArrayList<>();
        boolean negated = false;
        boolean daejeonDenied = false;
        boolean discounted = false;
        String relocation = null;
        String hqRegion = null;
        String district = null;
        String firstDaejeon = null;
        String firstElsewhere = null;
        for (String clause : clauses) {
            String c = TextNormalizer.normalize(clause);
            List<SiteHit> hits = siteHits(c);
            Set<String> sites = new LinkedHashSet<>();
            hits.forEach(h -> sites.add(h.site()));
            List<PlaceMention> found = gazetteer.find(c, elsewhere);
            List<PlaceMention> places = withoutReferences(c, found, sites.isEmpty());
            discounted |= places.size() < found.size();
            all.addAll(places);
            boolean daejeonHere = places.stream().anyMatch(PlaceMention::inDaejeon);
            List<PlaceMention> others = places.stream().filter(p -> p.region() != null && !p.inDaejeon()).toList();
            places.stream().filter(PlaceMention::unresolved).forEach(p -> unresolved.add(p.surface()));
            boolean no = NEGATION.matcher(c).find();
            negated |= no;
            String move = daejeonHere ? relocation(c, places) : null;
            if (AWAY.equals(move)) {
                // "대전에서 세종으로 이전했어요": the company is where it moved to, not in Daejeon.
                outside.addAll(sites);
                firstElsewhere = firstElsewhere == null && !others.isEmpty() ? others.get(others.size() - 1).region() : firstElsewhere;
                placesOf.add(others);
                unplaced.add(Set.of());
                continue;
            }
            if (move != null) {
                relocation = stronger(relocation, move);
                if (!others.isEmpty()) {
                    outside.addAll(sites); // "서울 본사를 대전으로 이전할 예정": the head office is in Seoul today
                    firstElsewhere = firstElsewhere == null ? others.get(0).region() : firstElsewhere;
                }
                placesOf.add(List.of());
                unplaced.add(Set.of());
                continue;
            }
            if (daejeonHere && no) {
                daejeonDenied = true; // "대전에는 공장이 없어요": whatever else the clause names is not in Daejeon
                placesOf.add(List.of());
                unplaced.add(Set.of());
                continue;
            }
            if (places.isEmpty() && no && !sites.isEmpty() && text.contains("대전")) {
                daejeonDenied = true;
            }
            // Each site is where the place nearest to it is ("서울 본사와 유성 공장"; "유성구 업체에 납품하는 세종 공장").
            boolean daejeonGotSite = false;
            for (SiteHit h : hits) {
                List<PlaceMention> group = nearestGroup(c, h, places);
                if (group.stream().anyMatch(PlaceMention::inDaejeon)) {
                    inDaejeon.add(h.site());
                    daejeonGotSite = true;
                }
                if (group.stream().anyMatch(p -> p.region() != null && !p.inDaejeon())) {
                    outside.add(h.site());
                }
            }
            // A Daejeon place with no site locates the company only when the clause says it is there ("대덕구에 있는 업체").
            // With another city in the same clause and no site, which one is the company's is not clear: not Daejeon.
            boolean present = daejeonGotSite || daejeonHere && hits.isEmpty() && others.isEmpty() && !PAST.matcher(c).find()
                    && (PRESENCE.matcher(c).find() || c.split(" ").length <= 3);
            if (present) {
                firstDaejeon = firstDaejeon == null ? CompanyProfile.DAEJEON : firstDaejeon;
                for (PlaceMention p : places) {
                    if (p.inDaejeon() && p.district() != null && district == null) {
                        district = p.district();
                    }
                }
            }
            if (!others.isEmpty()) {
                firstElsewhere = firstElsewhere == null ? others.get(0).region() : firstElsewhere;
            }
            if (sites.contains("hq") && hqRegion == null) {
                for (SiteHit h : hits) {
                    if (h.site().equals("hq")) {
                        List<PlaceMention> g = nearestGroup(c, h, places);
                        if (!g.isEmpty() && g.get(0).region() != null && (!g.get(0).inDaejeon() || present)) {
                            hqRegion = g.get(0).region();
                        }
                        break;
                    }
                }
            }
            placesOf.add(places.stream().filter(p -> p.region() != null && (!p.inDaejeon() || present)).toList());
            unplaced.add(places.isEmpty() && !no ? sites : Set.of());
        }
        // "HQ and plant in Yuseong": a clause with sites but no place takes the next clause's places, else the previous one's.
        Set<String> stillUnplaced = new LinkedHashSet<>();
        for (int k = 0; k < unplaced.size(); k++) {
            if (unplaced.get(k).isEmpty()) {
                continue;
            }
            List<PlaceMention> near = k + 1 < placesOf.size() && !placesOf.get(k + 1).isEmpty() ? placesOf.get(k + 1)
                    : k > 0 && !placesOf.get(k - 1).isEmpty() ? placesOf.get(k - 1) : List.of();
            if (near.isEmpty()) {
                stillUnplaced.addAll(unplaced.get(k));
            } else if (near.stream().anyMatch(PlaceMention::inDaejeon)) {
                inDaejeon.addAll(unplaced.get(k));
            } else {
                outside.addAll(unplaced.get(k));
            }
            if (unplaced.get(k).contains("hq") && hqRegion == null && !near.isEmpty()) {
                hqRegion = near.get(0).region();
            }
        }
        Set<String> daejeonSites = inDaejeon.isEmpty() ? (daejeonDenied ? Set.of() : null) : inDaejeon;
        String region = hqRegion != null ? hqRegion : firstDaejeon != null ? firstDaejeon : firstElsewhere;
        String n = normalizeKeepingCase(text);
        CompanyProfile profile = new CompanyProfile(region, district, daejeonSites, outside.isEmpty() ? null : outside, relocation,
                segment(n), employees(n), foundedYear(n), companyType(n), Sales.said(text));
        return new Reading(profile, List.copyOf(all), List.copyOf(unresolved), stillUnplaced, negated, discounted);
    }

    private record SiteHit(String site, int start, int end) {
    }

    /** The sites a (normalised) clause names, where. "head office" is not also an "office". */
    static List<SiteHit> siteHits(String c) {
        List<SiteHit> out = new ArrayList<>();
        StringBuilder masked = new StringBuilder(c);
        for (Map.Entry<String, Pattern> word : SITE_PATTERNS) {
            Matcher m = word.getValue().matcher(masked);
            while (m.find()) {
                out.add(new SiteHit(word.getKey(), m.start(), m.end()));
                for (int i = m.start(); i < m.end(); i++) {
                    masked.setCharAt(i, ' ');
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(SiteHit::start));
        return out;
    }

    /** The place nearest to a site, with the places listed together with it ("부산·울산", "세종과 유성"). */
    private static List<PlaceMention> nearestGroup(String c, SiteHit h, List<PlaceMention> places) {
        int best = -1;
        int bestDistance = Integer.MAX_VALUE;
        for (int k = 0; k < places.size(); k++) {
            PlaceMention p = places.get(k);
            int d = p.start() >= h.end() ? p.start() - h.end() : Math.max(0, h.start() - p.end());
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        if (best < 0) {
            return List.of();
        }
        int from = best;
        int to = best;
        while (from > 0 && LIST_JOIN.matcher(c.substring(places.get(from - 1).end(), places.get(from).start())).matches()) {
            from--;
        }
        while (to + 1 < places.size() && LIST_JOIN.matcher(c.substring(places.get(to).end(), places.get(to + 1).start())).matches()) {
            to++;
        }
        return places.subList(from, to + 1);
    }

    /**
     * Daejeon named as the program's city or as a landmark is not where the company is: "대전시 지원사업",
     * "대전테크노파크", "대전 근처 세종", "near Daejeon", "대전에 있는 고객사에 납품", and where it used to be ("예전에는 대전에").
     */
    private static List<PlaceMention> withoutReferences(String c, List<PlaceMention> places, boolean noSites) {
        boolean relational = noSites && RELATION.matcher(c).find() || PAST.matcher(c).find();
        List<PlaceMention> out = new ArrayList<>();
        for (PlaceMention p : places) {
            if (p.inDaejeon() && (relational || REFERENCE_AFTER.matcher(c.substring(p.end())).lookingAt()
                    || REFERENCE_BEFORE.matcher(c.substring(0, p.start())).find())) {
                continue;
            }
            out.add(p);
        }
        return out;
    }

    static List<String> clauses(String text) {
        String t = text == null ? "" : Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        for (String part : CLAUSE_BREAK.split(t)) {
            if (part.isBlank()) {
                continue;
            }
            // "a factory in Seo-gu, Incheon", "유성구, 대전": a clause that is only a place belongs to the one before.
            if (!out.isEmpty() && onlyPlaces(part)) {
                out.set(out.size() - 1, out.get(out.size() - 1) + " " + part.strip());
            } else {
                out.add(part.strip());
            }
        }
        return out;
    }

    private static boolean onlyPlaces(String part) {
        String n = TextNormalizer.normalize(part);
        List<PlaceMention> places = Gazetteer.shared().find(n);
        if (places.isEmpty()) {
            return false;
        }
        String rest = n;
        for (int k = places.size() - 1; k >= 0; k--) {
            rest = rest.substring(0, places.get(k).start()) + " " + rest.substring(places.get(k).end());
        }
        return rest.replaceAll("(?<![a-z])(?:city|province|korea|south korea)(?![a-z])", " ").isBlank();
    }

    /** A move to Daejeon named in a clause that names Daejeon: planned, confirmed, or null (none, or a move away from Daejeon). */
    private static String relocation(String c, List<PlaceMention> places) {
        if (!MOVE.matcher(c).find() && !PLANNED.matcher(c).find()) {
            return null; // "we plan a Daejeon branch" is a plan even without a verb of moving
        }
        for (PlaceMention p : places) {
            String after = c.substring(p.end());
            String before = c.substring(0, p.start());
            boolean target = after.startsWith("으로") || after.startsWith("로") || before.endsWith("to ") || before.endsWith("into ");
            if (target && !p.inDaejeon()) {
                return AWAY; // "대전에서 세종으로 이전": moving away
            }
        }
        boolean planned = PLANNED.matcher(c).find();
        boolean confirmed = CONFIRMED.matcher(c).find();
        if (confirmed && !planned) {
            // "대전으로 이전했어요" is a (confirmed) move; "대전에서 설립했어요" is a company founded there, not a move.
            return RELOCATE_VERB.matcher(c).find() ? "confirmed" : null;
        }
        return "planned";
    }

    /**
     * A move named with no place and no denial ("이전 예정", "이전 확정", "we plan to move", "공장 지을 예정이에요"):
     * {@code planned}, {@code confirmed} or null. Read alone it says nothing about where; as the answer to
     * "what do you have in Daejeon?" it is a move to Daejeon.
     */
    public static String moveWithoutPlace(String text) {
        String c = normalizeKeepingCase(text);
        if (NEGATION.matcher(c).find() || !MOVE.matcher(c).find() || !read(text).places().isEmpty()) {
            return null;
        }
        String move = relocation(c, List.of());
        return AWAY.equals(move) ? null : move;
    }

    private static String stronger(String older, String newer) {
        return "confirmed".equals(older) ? older : newer;
    }

    private static String normalizeKeepingCase(String text) {
        // "1,200명": the thousands separator would become a space in the normalised text.
        return TextNormalizer.normalize(text == null ? "" : text.replaceAll("(?<=\\d),(?=\\d{3})", ""));
    }

    private static final List<Map.Entry<String, Pattern>> SEGMENTS = List.of(
            Map.entry("recycling", Pattern.compile("재활용|리사이클|재사용|폐배터리|폐 배터리|사용후 배터리|사용 후 배터리|recycl|reuse|second life|black mass|블랙매스")),
            Map.entry("equipment", Pattern.compile("장비|설비|자동화|(?<![a-z])(?:equipment|machines?|machinery|automation|tooling)(?![a-z])")),
            Map.entry("testing", Pattern.compile("시험|성능 ?평가|인증|분석 서비스|검사 서비스|테스트|시뮬레이션|(?<![a-z])(?:testing|test lab|certification|evaluation|inspection|simulation|analysis services?)(?![a-z])")),
            Map.entry("ess", Pattern.compile("(?<![a-z])ess(?![a-z])|에너지 ?저장|energy storage")),
            Map.entry("packs", Pattern.compile("팩(?!스)|모듈|패키징|(?<![a-z])(?:packs?|modules?|packaging)(?![a-z])")),
            Map.entry("cells", Pattern.compile("배터리 ?셀|전지 ?셀|셀 ?(?:제조|생산|업체|메이커|개발|기업)|전고체|배터리 ?제조|전지 ?제조|(?<![a-z])(?:cells?|cell maker|solid state batter\\w*)(?![a-z])")),
            Map.entry("parts", Pattern.compile("부품|케이스|파우치|커넥터|버스바|냉각판|(?<![a-z])(?:bms|parts?|components?|housings?|busbars?|connectors?)(?![a-z])")),
            Map.entry("materials", Pattern.compile("양극|음극|전해액|전해질|분리막|소재|동박|구리박|알루미늄박|바인더|도전재|전구체|흑연|(?<![a-z])(?:cathodes?|anodes?|electrolytes?|separators?|materials?|precursors?|copper foils?|binders?|graphite)(?![a-z])")),
            Map.entry("other", Pattern.compile("해당 ?없|관련 ?없|배터리(?:와|랑)? ?(?:관련 ?)?(?:없|아니|아님)|식품|화장품|의류|음식점|카페|부동산|(?<![a-z])(?:not battery|unrelated|none of these|food|cosmetics|restaurant|real estate)(?![a-z])")));

    static String segment(String n) {
        for (Map.Entry<String, Pattern> s : SEGMENTS) {
            if (s.getValue().matcher(n).find()) {
                return s.getKey();
            }
        }
        return null;
    }

    static Integer employees(String n) {
        Matcher m = EMPLOYEES.matcher(n);
        while (m.find()) {
            String after = n.substring(m.end());
            // "10명 이상의 기업" in a question about rules is not a head count; a count is about "us"
            if (after.startsWith(" 이상") || after.startsWith(" 미만") || after.startsWith("이상") || after.startsWith("미만")) {
                continue;
            }
            return Integer.parseInt(m.group(1).replace(",", ""));
        }
        Matcher a = EMPLOYEES_AFTER.matcher(n);
        return a.find() ? Integer.valueOf(a.group(1)) : null;
    }

    static Integer foundedYear(String n) {
        Matcher m = FOUNDED_AFTER.matcher(n);
        if (m.find()) {
            int y = Integer.parseInt(m.group(1));
            return y < 100 ? 2000 + y : y;
        }
        Matcher b = FOUNDED_BEFORE.matcher(n);
        if (b.find()) {
            return Integer.valueOf(b.group(1) != null ? b.group(1) : b.group(2));
        }
        return null;
    }

    private static final List<Map.Entry<String, Pattern>> TYPES = List.of(
            Map.entry("pre_founder", Pattern.compile("예비 ?창업|창업 ?준비|창업을 준비|아직 창업|사업자 ?등록 ?전|사업자 ?등록을 ?안|사업자가 없|법인 ?설립 ?전|(?<![a-z])(?:pre ?founders?|aspiring founder|not yet founded|not incorporated|haven t incorporated|have not incorporated|planning to start a company|before incorporation|no company yet)(?![a-z])")),
            Map.entry("sole_proprietor", Pattern.compile("개인 ?사업자|(?<![a-z])(?:sole proprietor\\w*|sole trader|self employed)(?![a-z])")),
            Map.entry("large", Pattern.compile("대기업(?! ?(?:협력|납품|에|과|와|의|하고|들|이랑|향|고객|거래|파트너|을|를|으로|로|보다|처럼))|상호출자제한|(?<![a-z])(?:(?:a|an) (?:large|big) (?:company|enterprise|corporation|firm|conglomerate)|large enterprise|conglomerate|chaebol)(?![a-z])")),
            Map.entry("midsized", Pattern.compile("중견|(?<![a-z])(?:mid ?sized?|mid tier|mid market|middle market|medium sized (?:company|enterprise|firm))(?![a-z])")),
            Map.entry("startup", Pattern.compile("스타트업|창업 ?기업|창업한 ?지|벤처|신생 ?기업|(?<![a-z])(?:start ?ups?|venture|spin ?offs?)(?![a-z])")),
            Map.entry("sme", Pattern.compile("중소 ?기업|소기업|소상공인|(?<![a-z])(?:smes?|small business|small company|small firm|small and medium|small and mid)(?![a-z])")),
            Map.entry("research_institute", Pattern.compile("출연연|정부 ?출연|연구 ?기관|공공 ?연구|(?<![a-z])(?:government funded research|public research institute|national lab\\w*|research organi[sz]ation)(?![a-z])")),
            Map.entry("university", Pattern.compile("대학교|산학 ?협력단|대학 ?연구실|(?<![a-z])(?:university|college)(?![a-z])")));

    static String companyType(String n) {
        for (Map.Entry<String, Pattern> t : TYPES) {
            Matcher m = t.getValue().matcher(n);
            while (m.find()) {
                if (affirmed(n, m.start(), m.end())) {
                    return t.getKey();
                }
            }
        }
        return null;
    }

    /** "대기업은 아니고", "not a large company": the word is there but denied. */
    private static boolean affirmed(String n, int start, int end) {
        String after = n.substring(end, Math.min(n.length(), end + 8));
        String before = n.substring(Math.max(0, start - 12), start);
        return !(after.matches("^\\S{0,2}\\s?(?:아니|아닙|아님|아녜|않).*") || before.matches(".*(?:not|isn t|aren t|no longer)\\s(?:a\\s|an\\s)?$"));
    }
}
