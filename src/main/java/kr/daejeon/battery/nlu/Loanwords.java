package kr.daejeon.battery.nlu;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hangul spellings of English words and program jargon, rewritten to the Korean words the
 * training data uses: "데드라인이 언제예요" asks what "마감이 언제예요" asks. Applied to normalized
 * text before features are taken, in training and in classification alike, so a loanword never
 * has to be learned twice. The longest spelling wins ("어플리케이션" before "어플").
 */
public final class Loanwords {

    private static final Map<String, String> CANONICAL = new LinkedHashMap<>();

    static {
        put("마감", "데드라인", "데드 라인", "듀데이트", "클로징", "마감일자");
        put("신청서", "어플리케이션폼", "어플리케이션", "애플리케이션", "지원서류양식");
        put("신청", "어플라이", "어플", "엔트리", "앤트리");
        put("연락", "컨택", "컨텍", "콘택트", "컨택트", "콘택");
        put("서류", "다큐먼트", "도큐먼트", "도큐멘트", "페이퍼워크");
        put("지원금", "펀딩", "그랜트");
        put("일정", "스케줄", "스케쥴", "스캐줄", "타임라인", "타임테이블");
        put("교육", "트레이닝", "트래이닝", "아카데미");
        put("교육과정", "커리큘럼", "커리큘렴", "코스");
        put("자격", "엘리저블", "일리저블", "엘리지블", "퀄리피케이션");
        put("제출", "서브밋", "섭밋", "써브밋");
        put("면접", "인터뷰");
        put("발표평가", "피칭", "피티");
        put("담당자", "매니저", "코디네이터", "오피서");
        put("전화번호", "폰번호", "핸드폰번호", "콜센터");
        put("이메일", "메일주소", "이멜");
        put("행사", "이벤트", "세미나", "포럼", "컨퍼런스", "콘퍼런스");
        put("네트워크", "네트워킹", "네트웍");
        put("스타트업", "스타트 업", "스타텁");
        put("선도기업", "리딩컴퍼니", "리딩 컴퍼니", "리딩기업");
        put("유망기업", "프로미싱", "라이징기업");
        put("대전테크노파크", "대전tp", "대전 tp", "테크노파크", "대전티피", "djtp");
        put("이차전지", "2차전지", "2차 전지", "이차 전지", "二次電池");
    }

    private static final Pattern ANY = buildPattern();

    private Loanwords() {
    }

    private static void put(String canonical, String... spellings) {
        for (String s : spellings) {
            CANONICAL.put(TextNormalizer.normalize(s), canonical);
        }
    }

    private static Pattern buildPattern() {
        StringBuilder b = new StringBuilder();
        CANONICAL.keySet().stream().sorted((a, c) -> c.length() - a.length()).forEach(k -> {
            b.append(b.length() == 0 ? "" : "|").append(Pattern.quote(k));
        });
        return Pattern.compile(b.toString());
    }

    /** The Hangul spellings without spaces ("리딩기업", "데드라인"): words a run-together message may contain. */
    static java.util.Set<String> hangulSpellings() {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String k : CANONICAL.keySet()) {
            String bare = k.replace(" ", "");
            if (!bare.isEmpty() && bare.chars().allMatch(c -> c >= 0xAC00 && c <= 0xD7A3)) {
                out.add(bare);
            }
        }
        return out;
    }

    /** {@code normalized} is output of {@link TextNormalizer#normalize}; returns it with loanwords rewritten. */
    public static String canonical(String normalized) {
        if (normalized.isEmpty()) {
            return normalized;
        }
        Matcher m = ANY.matcher(normalized);
        if (!m.find()) {
            return normalized;
        }
        StringBuilder out = new StringBuilder(normalized.length() + 8);
        int last = 0;
        do {
            // Only whole Hangul/Latin word starts: "코스" inside "코스닥" or "tp" inside "http" is not a loanword.
            if (m.start() > 0 && isLetter(normalized.charAt(m.start() - 1)) && isLatin(normalized.charAt(m.start()))) {
                continue;
            }
            if (m.group().equals("코스") && m.end() < normalized.length() && normalized.charAt(m.end()) == '닥') {
                continue;
            }
            out.append(normalized, last, m.start()).append(CANONICAL.get(m.group()));
            last = m.end();
        } while (m.find());
        out.append(normalized, last, normalized.length());
        return out.toString();
    }

    private static boolean isLetter(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static boolean isLatin(char c) {
        return c < 0x80;
    }
}
