package kr.daejeon.battery.nlu;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an elliptical follow-up against the previous question. Two ways, both plain text, so the
 * classifier and the answer retrieval see an ordinary question:
 * <ul>
 *   <li>the follow-up names another member of the same kind of thing the previous question named
 *       (a track, a contact channel, an audience, a call year): the previous question with that
 *       member swapped — "선도기업은 얼마까지 지원돼요?" + "유망기업은요?" → "유망기업은 얼마까지 지원돼요?";</li>
 *   <li>otherwise the previous topic's name is put in front, and a pronoun dropped — after a
 *       training answer "마감은 언제예요?" → "교육 마감은 언제예요?".</li>
 * </ul>
 */
public final class FollowUps {

    /** Members of one kind, each a list of spellings (longest first within a member). */
    private static final List<List<List<String>>> KINDS = List.of(
            List.of(List.of("선도기업", "선도 기업", "선도"), List.of("유망기업", "유망 기업", "유망")),
            List.of(List.of("leading companies", "leading company", "leading track", "leading"),
                    List.of("promising companies", "promising company", "promising track", "promising")),
            List.of(List.of("전화번호", "전화", "연락처"), List.of("팩스 번호", "팩스번호", "팩스"), List.of("이메일", "메일", "e메일"),
                    List.of("주소", "위치", "사무실"), List.of("운영 시간", "운영시간", "업무 시간", "업무시간", "상담 시간", "상담시간")),
            List.of(List.of("phone number", "phone", "telephone"), List.of("fax number", "fax"), List.of("e-mail", "email", "mail"),
                    List.of("address", "office location", "location"), List.of("office hours", "opening hours", "hours")),
            List.of(List.of("구직자", "취준생", "취업준비생", "미취업자", "실업자"), List.of("재직자", "직장인", "직원"),
                    List.of("대학생", "학생", "졸업예정자")),
            List.of(List.of("job seekers", "job seeker", "unemployed"), List.of("employees", "employee", "workers", "staff"),
                    List.of("students", "student", "graduates")),
            List.of(List.of("2024년", "2024"), List.of("2026년", "2026")),
            List.of(List.of("원본"), List.of("사본")),
            List.of(List.of("originals", "original"), List.of("copies", "copy")));

    private static final Pattern KO_ELLIPSIS = Pattern.compile(
            "^(?:그럼|그러면|그렇다면|그건|그거|그것|그게|거기|그쪽|이건|이거|저건|그 경우|그때|그 다음|그리고|또)|(?:은요|는요|엔요|도요|은\\?|는\\?)\\s*[?？]?$");
    private static final Pattern EN_ELLIPSIS = Pattern.compile(
            "^(?:what about|how about|and for|and the|and what|and if|what if|and in|and how|and when|and where|and who|same for|also for|and|so|then|that one|those)\\b",
            Pattern.CASE_INSENSITIVE);
    // "and for job seekers?" → "job seekers?": the connector only says it continues, the topic name says what.
    private static final Pattern CONNECTOR = Pattern.compile(
            "^(?:what about|how about|and for|and what about|and in|same for|also for|and|so|then)\\s+", Pattern.CASE_INSENSITIVE);
    private static final Pattern PRONOUN = Pattern.compile(
            "^(?:그럼|그러면|그렇다면)?\\s*(?:그건|그거는|그거|그것은|그것|그게|거기는|거기|그쪽은|그쪽|이건|이거는|이거|저건|(?:저희|우리)(?:\\s?회사)?도)?\\s*|^(?:and |so |then )?(?:for that|that one|that|it|this)\\b\\s*",
            Pattern.CASE_INSENSITIVE);

    private FollowUps() {
    }

    /** True when the text reads as a continuation ("유망기업은요?", "그건 누가 신청해요?", "what about fax?"). */
    public static boolean elliptical(String text) {
        String t = text.strip();
        java.util.regex.Matcher so = SO_THEN.matcher(t);
        if (so.find() && !isShort(t.substring(so.end()))) {
            // "그럼 유망기업으로 하면 얼마 받을 수 있어요?": "그럼" only says the company goes on; a whole question after
            // it is read on its own (read against the previous question, it became that question about the new track).
            String rest = t.substring(so.end()).strip();
            return KO_ELLIPSIS.matcher(rest).find() || EN_ELLIPSIS.matcher(rest).find();
        }
        return KO_ELLIPSIS.matcher(t).find() || EN_ELLIPSIS.matcher(t).find();
    }

    private static final Pattern SO_THEN = Pattern.compile("^(?:그럼|그러면|그렇다면)\s*");

    /** A word that points back at what was just said ("그 교육", "거기", "is it free?", "that one"). */
    public static boolean pointsBack(String text) {
        return POINTS_BACK.matcher(text.strip()).find();
    }

    /**
     * The thing the question is about was named in the previous question: "이전은 언제까지 해야돼요?" after "대전으로 이전
     * 예정인데 신청돼요?" asks about that move, not about the call's deadline.
     */
    public static boolean sharesSubject(String text, String previous) {
        java.util.regex.Matcher m = KO_SUBJECT.matcher(text.strip());
        return previous != null && m.find() && previous.contains(m.group(1));
    }

    /** A question opening with its topic: a noun and 은/는 ("이전은 …", "가입은 …"). */
    private static final Pattern KO_SUBJECT = Pattern.compile("^([가-힣]{2,6})(?:은|는)\\s");

    private static final Pattern POINTS_BACK = Pattern.compile(
            "(?:^|\\s)(?:그|이|저)\\s(?:교육|과정|사업|트랙|기업|서류|공고|프로그램|협의회|행사)|^(?:저희|우리)(?:\\s?회사)?도\\s|(?:^|\\s)(?:그건|그거|그것|그게|거기|그쪽|이건|이거|해당)"
                    + "|\\b(?:it|that|this|those|these|there|they|them)\\b(?!\\s+(?:is|are)\\s+(?:a|an|the)\\b)",
            Pattern.CASE_INSENSITIVE);

    /**
     * A question that asks only when/where/how/who/whether, with no noun of its own worth a topic
     * ("언제 해요?", "가입은 어떻게 해요?", "Is a copy OK?"): on its own it is out of scope, after an answer it
     * continues it. Laughter and chit-chat ("ㅋㅋㅋ", "lol") are no question.
     */
    public static boolean bareQuestion(String text) {
        String t = text.strip();
        return KO_BARE_QUESTION.matcher(t).find() || EN_BARE_QUESTION.matcher(t).find();
    }

    private static final Pattern KO_BARE_QUESTION = Pattern.compile(
            "(?:언제|어디|어떻게|얼마|누가|누구|몇|뭐|무엇|되나요|돼요|되죠|가능해요|가능한가요|인가요|나요|까요)\\s*[가-힣]{0,4}?(?:요|까|나|죠|니)?\\s*[?？]\\s*$|(?:언제|어디|어떻게|얼마|누가|몇)\\s*[가-힣]{0,3}(?:요|까요|나요|죠)\\s*$");
    private static final Pattern EN_BARE_QUESTION = Pattern.compile(
            "^(?:(?:and|so|then|ok|okay)[, ]+)?(?:when|where|how|who|what|which|is|are|do|does|can|could|will)\\b.*[?？]?\\s*$",
            Pattern.CASE_INSENSITIVE);

    /** Short enough that it probably leans on the previous turn. */
    public static boolean isShort(String text) {
        return atMost(text, 10, 5);
    }

    /** At most this many Hangul letters (spaces not counted), or words for a message without Hangul. */
    private static boolean atMost(String text, int letters, int words) {
        String n = TextNormalizer.normalize(text);
        int hangul = 0;
        for (int i = 0; i < n.length(); i++) {
            if (TextNormalizer.isHangul(n.charAt(i))) {
                hangul++;
            }
        }
        return hangul > 0 ? n.replace(" ", "").length() <= letters : n.split(" ").length <= words;
    }

    /**
     * The previous question with the member of a kind swapped for the one the follow-up names,
     * or null when the follow-up names no member of a kind that the previous question also names.
     */
    public static String substitute(String followUp, String previous) {
        if (previous == null) {
            return null;
        }
        String f = followUp.toLowerCase(Locale.ROOT);
        String p = previous.toLowerCase(Locale.ROOT);
        for (List<List<String>> kind : KINDS) {
            Map.Entry<Integer, String> now = member(kind, f);
            Map.Entry<Integer, String> before = member(kind, p);
            if (now != null && before != null && !now.getKey().equals(before.getKey())) {
                int at = p.indexOf(before.getValue());
                // The member's full name, not the follow-up's short form: "선도는 어때요?" after "유망기업 지원 기간은 …" asks
                // about "선도기업 지원 기간", and "선도 지원 기간" reads as the program's.
                String name = kind.get(now.getKey()).get(0);
                return previous.substring(0, at) + name + previous.substring(at + before.getValue().length());
            }
        }
        return null;
    }

    /**
     * The training has its own sign-up: after a training answer, a short question that on its own asks for the
     * program's deadline or how to apply ("마감은요?", "그거 신청은 어디서 해요?", "what's the deadline?") asks for
     * the training's sign-up.
     */
    private static final Map<String, Map<String, String>> COUNTERPARTS = Map.of(
            "training", Map.of("application_deadline", "training_enrollment", "application_process", "training_enrollment"));
    // A question that names the program or a track is about the program's own call, whatever came before.
    private static final Pattern NAMES_PROGRAM = Pattern.compile(
            "사업|선도|유망|지원사업|공고|\\b(?:program(?:me)?|leading|promising|call)\\b", Pattern.CASE_INSENSITIVE);

    /**
     * What a short follow-up read on its own as {@code ownIntent} asks within {@code previousFamily} (a family
     * of {@link Interpreter#family}), or null when it asks the same there.
     */
    static String counterpart(String text, String ownIntent, String previousFamily) {
        Map<String, String> in = previousFamily == null ? null : COUNTERPARTS.get(previousFamily);
        // A whole short question counts too ("접수 마감일이 언제예요?"): with no topic word, it is the training's.
        if (in == null || !atMost(text, 16, 8) || NAMES_PROGRAM.matcher(text).find()) {
            return null;
        }
        return in.get(ownIntent);
    }

    /**
     * A word that names a topic on its own ("마감", "서류", "deadline"): a short question with one is about that
     * topic even after another. Words of a kind any topic has ("몇 시", "비용", "how much") are not among them.
     */
    public static boolean namesTopic(String text) {
        return TOPIC_WORD.matcher(text).find();
    }

    private static final Pattern TOPIC_WORD = Pattern.compile(
            "마감|접수 ?기간|서류|자격|선정|심사|결과 ?발표|교육|연락처|전화|이메일|"
                    + "\\b(?:deadline|documents?|paperwork|eligib\\w*|selection|selected|results?|training|courses?|phone|e-?mail)\\b",
            Pattern.CASE_INSENSITIVE);

    /** The follow-up with the previous topic's name in front and a leading pronoun dropped. */
    public static String withTopic(String followUp, String topicName) {
        return topicName + " " + withoutPointer(followUp);
    }

    /**
     * The follow-up without its leading connector and pointer ("그건 …", "저희도 …", "and for that …"): those words
     * point at the previous answer and, left in, match other answers that happen to share them.
     */
    public static String withoutPointer(String followUp) {
        String stripped = CONNECTOR.matcher(followUp.strip()).replaceFirst("");
        Matcher m = PRONOUN.matcher(stripped);
        String rest = m.lookingAt() ? stripped.substring(m.end()) : stripped;
        return rest.isBlank() ? followUp.strip() : rest;
    }

    private static Map.Entry<Integer, String> member(List<List<String>> kind, String text) {
        for (int i = 0; i < kind.size(); i++) {
            for (String spelling : kind.get(i)) {
                int at = text.indexOf(spelling);
                if (at >= 0 && (spelling.chars().anyMatch(TextNormalizer::isHangul) || wordAt(text, at, spelling.length()))) {
                    return Map.entry(i, spelling);
                }
            }
        }
        return null;
    }

    private static boolean wordAt(String text, int at, int len) {
        boolean startOk = at == 0 || !Character.isLetter(text.charAt(at - 1));
        boolean endOk = at + len >= text.length() || !Character.isLetter(text.charAt(at + len));
        return startOk && endOk;
    }
}
