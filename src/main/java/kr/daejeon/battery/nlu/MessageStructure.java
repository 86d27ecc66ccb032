package kr.daejeon.battery.nlu;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a message into its sentences and clauses and says what each one does, so that the part
 * that asks decides the intent. Real companies open with a greeting and an introduction of
 * themselves ("안녕하세요, 저희는 대덕구 배터리 회사인데요, 선도기업 신청 되나요?"): to a classifier
 * trained on bare questions, those words outweigh the question and the message looks like a
 * greeting or out of scope.
 *
 * <p>Rule-based on purpose: the social parts of a message are a small closed class of phrases in
 * both languages, and a rule that is wrong can be read and fixed. Pure and thread-safe.
 */
public final class MessageStructure {

    /** What a clause does in the message. */
    public enum Role { GREETING, THANKS, PREFACE, INTRODUCTION, QUESTION, STATEMENT }

    public record Clause(String text, Role role) {
        public boolean social() {
            return role == Role.GREETING || role == Role.THANKS || role == Role.PREFACE;
        }
    }

    /** @param clauses in message order; never empty for a message with words */
    public record Parsed(String original, List<Clause> clauses) {

        /** The part that asks: every clause that is not social and not an introduction; the whole text when none is left. */
        public String asking() {
            StringBuilder b = new StringBuilder();
            for (Clause c : clauses) {
                if (!c.social() && c.role() != Role.INTRODUCTION) {
                    b.append(b.length() == 0 ? "" : " ").append(c.text());
                }
            }
            if (b.length() > 0) {
                return b.toString();
            }
            // Nothing asks: a closing word ("감사합니다", "수고하세요") decides over an opening one.
            for (Role social : new Role[] {Role.THANKS, Role.GREETING}) {
                for (Clause c : clauses) {
                    if (c.role() == social) {
                        b.append(b.length() == 0 ? "" : " ").append(c.text());
                    }
                }
                if (b.length() > 0) {
                    return b.toString();
                }
            }
            return original;
        }

        /**
         * Everything but greetings, thanks and prefaces: the asking part with what the company said about
         * itself, which an answer may depend on ("저는 예비창업자인데요, 신청할 수 있나요?").
         */
        public String withoutSocial() {
            StringBuilder b = new StringBuilder();
            for (Clause c : clauses) {
                if (!c.social()) {
                    b.append(b.length() == 0 ? "" : " ").append(c.text());
                }
            }
            return b.length() == 0 ? asking() : b.toString();
        }

        /** The questions, each on its own, in order (a message may ask two things). */
        public List<String> questions() {
            return clauses.stream().filter(c -> c.role() == Role.QUESTION).map(Clause::text).toList();
        }

        /** True when something beyond greetings, thanks and introductions was said. */
        public boolean hasContent() {
            return clauses.stream().anyMatch(c -> c.role() == Role.QUESTION || c.role() == Role.STATEMENT);
        }

        /** True when the message is only social: hello, thanks, goodbye. */
        public boolean onlySocial() {
            return !clauses.isEmpty() && clauses.stream().allMatch(Clause::social);
        }

        /** The introductions ("저희는 유성구의 양극재 업체인데요"): where a company says what it is. */
        public List<String> introductions() {
            return clauses.stream().filter(c -> c.role() == Role.INTRODUCTION).map(Clause::text).toList();
        }
    }

    // Sentence ends; a comma only ends a clause after a Korean connective ending (see CONNECTIVE).
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。？！])\\s+|[\\r\\n]+|(?<=[?？!！])(?=\\S)|(?<=[가-힣][.。])(?=[가-힣])");
    // "…인데요, / 는데요 / 입니다. / 이고요," end an introduction or a preface before the question.
    private static final Pattern CONNECTIVE = Pattern.compile(
            "(?<=(?:인데요|는데요|은데요|인데|는데|은데|입니다|이고요|이구요|하고요|하구요|있고요|있구요|합니다|이에요|예요|거든요|구요|고요|해서요|어서요|라서요))[,，]?\\s+");
    // "마감이 언제고 서류는 뭐 내요?": a question word with the connective 고 ends the first question.
    private static final Pattern KO_QUESTION_JOIN = Pattern.compile("(?<=(?:언제|얼마|어디|뭐|무엇|몇 명|몇 개|누구|어떤 거|어느 쪽)(?:이)?고)[,，]?\\s+");
    private static final Pattern KO_JOINED_QUESTION = Pattern.compile("(?:언제|얼마|어디|뭐|무엇|몇 명|몇 개|누구|어떤 거|어느 쪽)(?:이)?고$");
    private static final Pattern EN_CLAUSE = Pattern.compile("(?<=[a-z0-9)])[,;]\\s+(?=(?:and |but |so )?(?:i|we|our|my|can|could|do|does|is|are|what|when|where|how|who|which|would|will|should|may)\\b)",
            Pattern.CASE_INSENSITIVE);

    private static final Pattern GREETING = Pattern.compile(
            "^(?:안녕하세요|안녕하십니까|안녕|하이|헬로|반갑습니다|반가워요|수고하십니다|수고 많으십니다|수고많으십니다|좋은 아침입니다|좋은 아침|"
                    + "hello|hi|hey|hiya|good (?:morning|afternoon|evening|day)|greetings|dear (?:sir|madam|sir or madam|team|all)|to whom it may concern)"
                    + "(?:\\s*(?:there|everyone|team|all|담당자님|담당자분|관계자님|선생님|님))?[\\s,.!~^]*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern THANKS = Pattern.compile(
            "^(?:(?:정말|너무|대단히|진심으로|네|넵|아|바쁘신데|바쁘실 텐데|바쁘실텐데|바쁘신 와중에|바쁘신 중에|늦은 시간에|번거롭게 해서|갑자기 연락드려)\\s*)?(?:감사합니다|감사해요|감사드립니다|고맙습니다|고마워요|땡큐|죄송합니다|죄송해요|실례합니다|수고하세요|수고하셨습니다|수고하십시오|안녕히 계세요|안녕히계세요|좋은 하루 되세요|"
                    + "thanks?(?: you)?(?: so much| very much| in advance| a lot)?|many thanks|sorry(?: to bother you)?|excuse me|much appreciated|cheers|bye|goodbye|good bye|see you|have a (?:nice|good) day)[\\s,.!~^]*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PREFACE = Pattern.compile(
            "^(?:(?:다름이 아니라|다름이 아니고|다름아니라|저기요|여쭤볼 게 있어서|여쭤볼게 있어서|궁금한 게 있어서|궁금한게 있어서|문의드릴 게 있어서|문의드릴게 있어서|문의 좀 드리려고|문의드립니다|문의드려요|질문 있습니다|질문이 있어요|질문 하나만|"
                    + "궁금한 점이 있어 연락드립니다|궁금한 점이 있어서요|연락드렸습니다|연락드려요|처음 문의드립니다|처음 연락드립니다)[^?]{0,12}|"
                    + "(?:i have a (?:quick )?question|i(?:'d| would) like to ask(?: you)?(?: something| a question)?|quick question|"
                    + "i am writing to ask|i'm writing to ask|i am writing|i'm writing|i am reaching out|i'm reaching out|hope you are well|hope you're well|"
                    + "hope this finds you well|i hope you are doing well)[^?]{0,30})[\\s,.!~]*$",
            Pattern.CASE_INSENSITIVE);
    // Who the company is: a self-reference, then what it is or where it sits, without a question.
    private static final Pattern KO_SELF = Pattern.compile(
            "^(?:저희는|저희 회사는|저희회사는|저희 기업은|저희 업체는|저희도|저희|저는|제가|우리 회사는|우리회사는|우리는|당사는|본사는|여기는|이곳은)\\s*");
    private static final Pattern KO_INTRO_END = Pattern.compile(
            "(?:인데요|는데요|은데요|인데|는데|은데|입니다|이에요|예요|이고요|이구요|고요|구요|하고 있어요|하고 있습니다|하고요|하구요|있어요|있습니다|있고요|있구요|합니다|해요|거든요|라서요|이라서요|중입니다|중이에요)$");
    private static final Pattern KO_INTRO_ROLE = Pattern.compile(
            "(?:대표|담당자|직원|팀장|과장|대리|차장|부장|실장|이사|사원|매니저|연구원|입니다|이라고 합니다|라고 합니다)");
    private static final Pattern EN_INTRO = Pattern.compile(
            "^(?:i am|i'm|im|we are|we're|this is|my name is|my company|our company|our firm|our team|our startup|our plant|our factory|our head office|our hq|"
                    + "i work|we work|i run|we run|we make|we produce|we manufacture|we develop|we supply|we operate|we recycle|we build|we design|"
                    + "i represent|we represent|we have|we employ|we were founded|we were established|we started)\\b",
            Pattern.CASE_INSENSITIVE);
    // "…제조업체예요" / "…기업이에요" after a company noun is the company saying what it is (a question has a question word).
    private static final Pattern KO_STATEMENT_END = Pattern.compile("(?:인데요|는데요|은데요|인데|는데|은데|입니다|이고요|이구요|고요|구요|하고 있어요|하고 있습니다|체예요|사예요|업이에요|장이에요|소예요|트업이에요)$");
    private static final Pattern KO_COMPANY_NOUN = Pattern.compile("(?:회사|업체|기업|스타트업|법인|제조사|제조업체|공장|연구소|벤처)");
    private static final Pattern QUESTION_MARK = Pattern.compile("[?？]\\s*$");
    private static final Pattern KO_QUESTION_END = Pattern.compile(
            "(?:나요|까요|가요|ㄴ가요|는지요|을까요|ㄹ까요|습니까|니까|인가요|인지요|죠|지요|되요|돼요|될까요|되나요|있나요|없나요|하나요|예요|이에요|어요|아요|해요|세요|주세요|줘|줘요|주실래요|"
                    + "알려주세요|알려줘|알려 주세요|궁금합니다|궁금해요|궁금한데요|궁금하고요|궁금하구요|문의합니다|문의드립니다|부탁드립니다|부탁해요|싶어요|싶습니다|싶은데요|"
                    + "가능한가요|가능할까요|가능해요|가능합니까|되는지|있는지|하는지|인지|언제|얼마|어디|뭐|무엇|누가|어떻게|몇|"
                    // as typed on phones: "언제에요", "되나여", "뭐임", "얼마죠"
                    + "에요|나여|가여|까여|되여|돼여|임|인지요)[\\s.~!]*$");
    private static final Pattern EN_QUESTION_START = Pattern.compile(
            "^(?:(?:and|so|but|also|then|ok|okay|well)[, ]+)?(?:can|could|do|does|did|is|are|was|were|what|when|where|how|who|whom|which|why|would|will|should|shall|may|might|am|have|has|is there|are there|please|tell me|let me know|i (?:want|need|would like|wonder|was wondering)|i'd like)\\b",
            Pattern.CASE_INSENSITIVE);

    private MessageStructure() {
    }

    // "신청 기간이랑 신청 방법 알려주세요", "자격 및 서류", "언제 하고 어떻게 신청해요", "…뭔지, 그리고 …":
    // one sentence that asks about two things.
    private static final Pattern KO_COORDINATION = Pattern.compile(
            "(?<=[가-힣])(?:이랑|랑|하고|와|과)\\s+|\\s+(?:및|하고)\\s+|\\s*[,，]?\\s*그리고\\s+"
            // "얼마 받고 언제까지 내요?": a clause ending in -고 followed by a new question word asks a second thing.
            + "|(?<=[가-힣]고)\\s+(?=(?:언제|어디|어떻게|얼마|몇|뭐|무엇|누가|누구))"
            // "서류가 뭔지 알려주시고, 접수는 어디로 하나요?": a polite request ending in -시고 is followed by the next question.
            + "|(?<=[가-힣]시고)[,，]?\\s+");
    private static final Pattern EN_COORDINATION = Pattern.compile(
            "\\s*(?:,\\s*)?\\band\\s+(?:if so,?\\s+|also\\s+)?(?=(?:what|when|where|how|who|which|do|does|can|could|is|are|should|will)\\b)",
            Pattern.CASE_INSENSITIVE);
    // A comparison, a choice between two things, or both things at once is one question ("선도기업이랑 유망기업
    // 차이가 뭐예요?", "선도랑 유망 동시에 신청할 수 있어요?", "can we apply to both?").
    private static final Pattern COMPARISON = Pattern.compile(
            "(?:차이|비교|다른 점|다른점|달라|다른가|다르|중에|중 어디|어느|어떤 게 나|뭐가 나|동시에|동시 신청|둘 다|둘다|같이 신청|같이 지원|함께 신청|함께 지원|중복|"
                    + "\\bvs\\b|differen|compare|between|\\bor\\b|better|\\bboth\\b|at once|at the same time)", Pattern.CASE_INSENSITIVE);

    /**
     * A question that asks about two things joined by "랑 / 하고 / 및 / and", split into its two
     * halves, each asked on its own (the caller keeps the split only when both halves are clear);
     * otherwise the question alone. A comparison ("선도기업이랑 유망기업 차이가 뭐예요?") is one question: it is
     * split only where both halves ask on their own ("What's the difference between A and B, and what's the
     * period?"), never between the two things it compares.
     */
    public static List<String> coordinated(String question) {
        boolean comparison = COMPARISON.matcher(question).find();
        for (Pattern p : new Pattern[] {EN_COORDINATION, KO_COORDINATION}) {
            Matcher m = p.matcher(question);
            if (m.find() && m.start() > 0 && m.end() < question.length()) {
                String left = question.substring(0, m.start()).strip();
                String right = question.substring(m.end()).strip();
                boolean halvesAsk = !comparison || (asksOnItsOwn(left) && asksOnItsOwn(right));
                if (hasWord(left) && hasWord(right) && halvesAsk) {
                    return List.of(left, right);
                }
            }
        }
        return List.of(question);
    }

    /** A clause that is a question by itself, not a noun waiting for the rest of the sentence ("선도기업이랑"). */
    private static boolean asksOnItsOwn(String clause) {
        String lower = clause.toLowerCase(Locale.ROOT);
        return QUESTION_MARK.matcher(clause).find() || KO_QUESTION_END.matcher(stripEndPunct(clause)).find()
                || EN_QUESTION_START.matcher(lower).find();
    }

    public static Parsed parse(String text) {
        if (text == null || text.isBlank()) {
            return new Parsed(text == null ? "" : text, List.of());
        }
        String cut = text.length() > TextNormalizer.MAX_CHARS * 2 ? text.substring(0, TextNormalizer.MAX_CHARS * 2) : text;
        List<Clause> clauses = new ArrayList<>();
        for (String sentence : SENTENCE_END.split(cut.strip())) {
            for (String part : splitClauses(sentence)) {
                String clause = part.strip();
                if (!clause.isEmpty() && hasWord(clause)) {
                    clauses.add(new Clause(clause, roleOf(clause)));
                } else if (!clause.isEmpty() && !clauses.isEmpty() && clause.matches("[?？]+")) {
                    Clause last = clauses.remove(clauses.size() - 1);
                    clauses.add(new Clause(last.text() + clause, Role.QUESTION));
                }
            }
        }
        return new Parsed(text, List.copyOf(clauses));
    }

    private static List<String> splitClauses(String sentence) {
        List<String> out = new ArrayList<>();
        for (String ko : splitLeadingSocial(sentence)) {
            for (String part : CONNECTIVE.split(ko)) {
                for (String joined : KO_QUESTION_JOIN.split(part)) {
                    for (String en : EN_CLAUSE.split(joined)) {
                        out.add(en);
                    }
                }
            }
        }
        return out;
    }

    /** "안녕하세요 저희는 …" without punctuation: a greeting at the start is its own clause. */
    private static List<String> splitLeadingSocial(String sentence) {
        Matcher m = LEADING_SOCIAL.matcher(sentence);
        if (m.find() && m.end() < sentence.length()) {
            return List.of(sentence.substring(0, m.end()), sentence.substring(m.end()));
        }
        return List.of(sentence);
    }

    private static final Pattern LEADING_SOCIAL = Pattern.compile(
            "^\\s*(?:안녕하세요|안녕하십니까|수고하십니다|수고 많으십니다|반갑습니다|(?:hello|hi|hey)(?:\\s+(?:there|everyone|all|team))?+|good (?:morning|afternoon|evening))[\\s,.!~^]+",
            Pattern.CASE_INSENSITIVE);

    static Role roleOf(String clause) {
        String c = clause.strip();
        String lower = c.toLowerCase(Locale.ROOT);
        if (GREETING.matcher(lower).matches()) {
            return Role.GREETING;
        }
        if (THANKS.matcher(lower).matches()) {
            return Role.THANKS;
        }
        if (PREFACE.matcher(lower).matches() && !CONTENT_WORDS.matcher(lower).find()) {
            return Role.PREFACE;
        }
        boolean question = QUESTION_MARK.matcher(c).find() || KO_QUESTION_END.matcher(stripEndPunct(c)).find()
                || KO_JOINED_QUESTION.matcher(stripEndPunct(c)).find()
                || EN_QUESTION_START.matcher(lower).find();
        if (!QUESTION_MARK.matcher(c).find() && isIntroduction(c, lower)) {
            return Role.INTRODUCTION;
        }
        return question ? Role.QUESTION : Role.STATEMENT;
    }

    private static boolean isIntroduction(String c, String lower) {
        String bare = stripEndPunct(c);
        if (KO_SELF.matcher(bare).find()) {
            // "저희는 대덕구 배터리 회사인데요" is an introduction; "저희는 신청 가능한가요" is a question.
            return KO_INTRO_END.matcher(bare).find() && !QUESTION_WORDS.matcher(bare).find();
        }
        if (KO_INTRO_ROLE.matcher(bare).find() && bare.endsWith("입니다") && bare.length() <= 40 && !QUESTION_WORDS.matcher(bare).find()) {
            return true; // "○○전지 김철수 과장입니다"
        }
        if (KO_COMPANY_NOUN.matcher(bare).find() && KO_STATEMENT_END.matcher(bare).find() && !QUESTION_WORDS.matcher(bare).find()) {
            return true; // "배터리 장비 부품 만드는 회사인데"
        }
        return EN_INTRO.matcher(lower).find() && !EN_QUESTION_START.matcher(lower).find()
                && !lower.matches(".*\\b(?:want|need|would like|wonder|wondering|looking for|interested in|apply|know|question|questions|prefer)\\b.*");
    }

    private static final Pattern QUESTION_WORDS = Pattern.compile(
            "(?:신청|지원|자격|가능|마감|서류|언제|얼마|어떻게|어디|되나요|될까요|할 수|있나요|궁금|어떤|뭐|무엇|누구|기준|대상)");
    // Words that make a would-be preface ("다름이 아니라 …") a real question.
    private static final Pattern CONTENT_WORDS = Pattern.compile(
            "(?:신청|지원|자격|가능|마감|서류|언제|얼마|어떻게|어디|교육|선도|유망|접수|선정|연락|apply|deadline|document|training|eligib)");

    private static String stripEndPunct(String s) {
        int end = s.length();
        while (end > 0 && ".,!~^ ".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean hasWord(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (Character.isLetterOrDigit(cp)) {
                return true;
            }
            i += Character.charCount(cp);
        }
        return false;
    }
}
