package kr.daejeon.battery.nlu;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * What a message asks, read the way a person reads it: the asking part decides (not the greeting
 * or the company's introduction, see {@link MessageStructure}); a short follow-up is read against
 * the previous question ({@link FollowUps}); a message with two questions gives two parts.
 * Pure and thread-safe; the classifier is read once per call, so a model swap never splits a turn.
 */
public final class Interpreter {

    /**
     * One question of a message: what it is about, the question as understood (a follow-up read
     * against the previous question), and the text to look the answer up with — for a follow-up
     * that only got the topic's name in front ({@code leansOnTopic}), its own words, so the name does
     * not outweigh them; otherwise the message with what the company said about itself.
     */
    public record Part(Classification classification, String question, String lookup, boolean leansOnTopic) {
        public Part(Classification classification, String question) {
            this(classification, question, question, false);
        }
    }

    /**
     * @param parts   one part, or two or three for a message that asks several things; never empty
     * @param literal for a follow-up read in context only because it was short: the message read on its own,
     *                which the caller takes instead when the context finds no exact answer (else null)
     * @param unsure  the other of two questions when only one was clear on its own ("how much is it" of "how much is it
     *                and when is the deadline?"): the caller offers its likely topics as a choice (else null)
     */
    public record Understanding(List<Part> parts, boolean followUp, MessageStructure.Parsed structure, Part literal,
                                Part unsure) {
        public Understanding(List<Part> parts, boolean followUp, MessageStructure.Parsed structure) {
            this(parts, followUp, structure, null, null);
        }

        public Understanding(List<Part> parts, boolean followUp, MessageStructure.Parsed structure, Part literal) {
            this(parts, followUp, structure, literal, null);
        }

        public Part primary() {
            return parts.get(0);
        }
    }

    /** Below this, a classification of a short message gives way to the reading in context. */
    public static final double CONFIDENT = 0.55;
    /** An out-of-scope reading of the question alone this sure outweighs an unsure reading of the whole message. */
    static final double SURELY_OUTSIDE = 0.9;
    /** Each of two questions must be this clear on its own to be answered on its own. */
    static final double CLEAR_PART = 0.5;
    /** A message is answered in at most this many parts ("시험분석 … 인증 … 교육 …"); beyond, it reads as a list. */
    static final int MAX_PARTS = 3;

    private static final Map<String, String> FAMILY = Map.ofEntries(
            Map.entry("training_program", "training"), Map.entry("training_schedule", "training"),
            Map.entry("training_enrollment", "training"), Map.entry("application_deadline", "application"),
            Map.entry("application_process", "application"), Map.entry("required_documents", "application"),
            Map.entry("selection_process", "application"), Map.entry("leading_company", "tracks"),
            Map.entry("promising_company", "tracks"), Map.entry("support_benefits", "tracks"),
            Map.entry("eligibility", "tracks"), Map.entry("program_overview", "tracks"), Map.entry("contact", "contact"),
            Map.entry("industry_network", "network"));
    private static final Set<String> SOCIAL = Set.of("greeting", "goodbye");
    /** A request for a person (the catalog's handoff topic). */
    static final String HANDOFF = "human_handoff";
    /** What the program gives: what a bare "how much?" beside another question asks. */
    static final String AMOUNT_TOPIC = "support_benefits";
    /** How to reach the office: where a question about a way of consulting staff is answered. */
    static final String CONTACT = "contact";
    private static final Pattern ASKS_IF_POSSIBLE = Pattern.compile(
            "(?:수 ?있(?:나요|어요|을까요|습니까)|가능(?:한가요|할까요|해요|합니까)|되나요|될까요|돼요\\?|\\b(?:can|could|may) (?:i|we)\\b|\\bis it possible\\b)",
            Pattern.CASE_INSENSITIVE);

    private final LiveClassifier classifier;

    /** Where the choice between the two tracks is answered. */
    static final String TRACK_CHOICE_TOPIC = "leading_company";
    /** Who may apply: what a bare "can we apply?" asks. */
    static final String ELIGIBILITY = "eligibility";

    /** A live context whose topic is of one of {@code families}. */
    private static boolean context(DialogueContext context, Instant now, String... families) {
        if (context == null || context.topic() == null || !context.liveAt(now)) {
            return false;
        }
        return List.of(families).contains(FAMILY.get(context.topic()));
    }

    /** The topics that belong together with {@code topic} (the training topics, the application topics, …), itself included. */
    public static List<String> family(String topic) {
        String f = FAMILY.get(topic);
        if (f == null) {
            return topic == null ? List.of() : List.of(topic);
        }
        return FAMILY.entrySet().stream().filter(e -> e.getValue().equals(f)).map(Map.Entry::getKey).sorted().toList();
    }

    /** {@code c} read as {@code intent}; ranked alone, so the answers of the topic it was read as first never answer it. */
    private static Classification readAs(String intent, Classification c) {
        return new Classification(intent, c.confidence(), List.of(new ScoredIntent(intent, c.confidence())));
    }

    public Interpreter(LiveClassifier classifier) {
        this.classifier = classifier;
    }

    /**
     * @param topicName how to name a topic in a question ("선도기업", "교육") in a language, or null
     */
    public Understanding interpret(String text, DialogueContext context, Instant now, Language language,
                                   BiFunction<String, Language, String> topicName) {
        IntentClassifier model = classifier.current();
        // "안녕하세요인사팀입니다.교육단체신청되나요": where a greeting or an introduction ends is found by its spaces.
        MessageStructure.Parsed parsed = MessageStructure.parse(model.respace(text));
        if (parsed.onlySocial()) {
            // Nothing but "Hi there" or "감사합니다, 수고하세요": a closing word says goodbye, else it is a hello.
            boolean closing = parsed.clauses().stream().anyMatch(cl -> cl.role() == MessageStructure.Role.THANKS);
            String social = closing ? "goodbye" : "greeting";
            if (model.intents().contains(social)) {
                return new Understanding(List.of(new Part(new Classification(social, 1.0, List.of(new ScoredIntent(social, 1.0))),
                        parsed.asking())), false, parsed);
            }
        }
        String asking = parsed.asking();
        Classification c = model.classify(asking);
        String asked = String.join(" ", parsed.questions());
        if (TrackChoice.asks(asked.isEmpty() ? asking : asked) && model.intents().contains(TRACK_CHOICE_TOPIC)) {
            // "직원 12명 매출 8억인데 선도로 넣을까요 유망으로?": one question (even when written as two), looked up as the
            // choice it is; the company's numbers are kept with the conversation by the caller, not searched with.
            Classification which = readAs(TRACK_CHOICE_TOPIC, new Classification(TRACK_CHOICE_TOPIC, Math.max(c.confidence(), CONFIDENT), List.of()));
            String lookup = language == Language.EN ? TrackChoice.EN_QUESTION : TrackChoice.KO_QUESTION;
            return new Understanding(List.of(new Part(which, asking, lookup, false)), false, parsed);
        }
        // Statements before the question are mostly the company's background ("저희는 음극 바인더를 만듭니다",
        // "공고 보고 연락드립니다"); the question on its own decides when it is in scope and at least as sure.
        String questionsOnly = String.join(" ", parsed.questions());
        if (!questionsOnly.isEmpty() && !questionsOnly.equals(asking)) {
            Classification q = model.classify(questionsOnly);
            // Over an out-of-scope reading of the whole, the question alone must be sure: a near-domain question
            // ("부가세 신고 기한이 언제까지죠?") is unsure on its own too.
            boolean sure = c.isFallback() ? q.confidence() >= CONFIDENT : q.confidence() >= c.confidence();
            if (!q.isFallback() && !SOCIAL.contains(q.intent()) && sure) {
                c = q;
                asking = questionsOnly;
            } else if (q.isFallback() && q.confidence() >= SURELY_OUTSIDE && !c.isFallback() && c.confidence() < CONFIDENT) {
                // A battery company's background makes any question look in scope ("… 장비 업체입니다. 부가세 신고
                //기한이 언제까지죠?"): when the question alone is plainly outside and the whole only unsure, it stays outside.
                c = q;
                asking = questionsOnly;
            }
        }

        List<String> questions = parsed.questions();
        if (questions.size() == 1) {
            // "신청 기간이랑 신청 방법 알려주세요", "When is the deadline and what documents do we need?"
            questions = MessageStructure.coordinated(questions.get(0));
        }
        Part unsure = null;
        if (questions.size() >= 2) {
            List<Part> parts = new ArrayList<>();
            for (String q : questions) {
                Classification read = model.classify(q);
                // "교육 언제 하고 신청은 어디서 해요?": a second question continues the first one's topic as a follow-up does.
                String counterpart = parts.isEmpty() || read.isFallback() ? null
                        : FollowUps.counterpart(q, read.intent(), FAMILY.get(parts.get(0).classification().intent()));
                Classification qc = counterpart == null ? read : readAs(counterpart, read);
                if (!parts.isEmpty() && BareAmount.asks(q)) {
                    // "can we apply and how much?": a bare "how much" beside another question asks what the program
                    // gives; on its own it has no topic and would be dropped.
                    qc = new Classification(AMOUNT_TOPIC, Math.max(CLEAR_PART, qc.confidence()),
                            List.of(new ScoredIntent(AMOUNT_TOPIC, Math.max(CLEAR_PART, qc.confidence()))));
                }
                if (HANDOFF.equals(qc.intent()) && ASKS_IF_POSSIBLE.matcher(q).find()) {
                    // "직접 찾아가서 상담 받을 수 있나요? 주소 알려주세요": among other questions, whether a kind of
                    // consultation is possible is asked about (the contact topic), not a request to be put through now.
                    qc = readAs(CONTACT, qc);
                }
                boolean clear = !qc.isFallback() && !SOCIAL.contains(qc.intent()) && qc.confidence() >= CLEAR_PART;
                // Two questions of one topic ("방문 상담 되나요? 주소 알려주세요") are two parts too: each finds its own answer.
                if (clear && parts.stream().noneMatch(p -> p.question().equals(q))) {
                    parts.add(new Part(qc, q));
                } else if (!clear && unsure == null && !SOCIAL.contains(qc.intent()) && qc.confidence() < SURELY_OUTSIDE) {
                    unsure = new Part(qc, q);
                }
            }
            if (parts.size() >= 2) {
                return new Understanding(List.copyOf(parts.subList(0, Math.min(parts.size(), MAX_PARTS))), false, parsed);
            }
            if (parts.isEmpty()) {
                unsure = null; // neither half is clear: the message is read as a whole, and a miss asks as usual
            }
        }

        if (MayWeApply.bare(asking) && !context(context, now, "training", "network")) {
            // "저희도 신청할 수 있나요?" right after the leading track's overview asks who may apply to the program (the
            // track's name in front only gave that overview again); after a course or the council it is that one's.
            Classification who = new Classification(ELIGIBILITY, Math.max(c.confidence(), CONFIDENT),
                    List.of(new ScoredIntent(ELIGIBILITY, Math.max(c.confidence(), CONFIDENT))));
            return new Understanding(List.of(new Part(who, asking, parsed.withoutSocial(), false)), false, parsed);
        }
        // A goodbye or a request for a person, read surely on its own, is never a continuation ("can i talk to
        // someone?" right after a documents answer); a word of thanks was taken out above (onlySocial).
        boolean standsAlone = (SOCIAL.contains(c.intent()) || HANDOFF.equals(c.intent())) && c.confidence() >= CONFIDENT;
        if (context != null && context.topic() != null && context.liveAt(now) && !parsed.onlySocial() && !standsAlone) {
            String family = FAMILY.get(context.topic());
            String counterpart = c.isFallback() ? null : FollowUps.counterpart(asking, c.intent(), family);
            if (counterpart != null) {
                // "마감은요?" after a training answer: the training's sign-up deadline, looked up with its own words.
                String name = topicName == null ? null : topicName.apply(context.topic(), language);
                String question = name == null ? asking : FollowUps.withTopic(asking, name);
                return new Understanding(List.of(new Part(readAs(counterpart, c), question, asking, true)), true, parsed);
            }
            // A short question that is surely about a topic of another family keeps its own reading ("마감은요?",
            // "서류는요?" after an eligibility answer): the previous topic's name would only pull it back.
            boolean elsewhere = !c.isFallback() && c.confidence() >= CONFIDENT && FAMILY.containsKey(c.intent())
                    && !FAMILY.get(c.intent()).equals(family) && FollowUps.namesTopic(asking);
            boolean elliptical = !elsewhere && FollowUps.elliptical(asking);
            boolean shortText = FollowUps.isShort(asking);
            // Context is for continuations: an explicit one ("유망기업은요?", "what about fax?"), or a short, unsure
            // in-scope reading. Noise ("ㅋㅋㅋ", "오늘 점심 뭐 먹지") is out of scope on its own, never the last topic.
            boolean pointsBack = FollowUps.pointsBack(asking) || FollowUps.sharesSubject(asking, context.question());
            // A short bare question ("언제 해요?", "가입은 어떻게 해요?", "Is a copy OK?") has no topic of its own.
            boolean bareQuestion = shortText && FollowUps.bareQuestion(asking);
            if (!elsewhere && (elliptical || pointsBack || bareQuestion || (!c.isFallback() && (shortText || c.confidence() < CONFIDENT)))) {
                String resolved = FollowUps.substitute(asking, context.question());
                String lookup = resolved;
                if (resolved == null) {
                    lookup = FollowUps.withoutPointer(asking);
                    String name = topicName == null ? null : topicName.apply(context.topic(), language);
                    resolved = name == null ? null : FollowUps.withTopic(asking, name);
                }
                if (resolved != null) {
                    Classification cc = model.classify(resolved);
                    boolean related = FAMILY.containsKey(cc.intent())
                            && FAMILY.get(cc.intent()).equals(FAMILY.get(context.topic()));
                    // A short question is read in context only when that reading stays near the previous topic
                    // ("마감은 언제예요?" after training); one that names a new topic keeps its own reading.
                    boolean better = !cc.isFallback() && (elliptical || pointsBack || related || (bareQuestion && c.isFallback() && related));
                    // A classifier's unsure "goodbye" for "and for job seekers?" is no reason to drop the context.
                    if (better && !SOCIAL.contains(cc.intent())) {
                        return new Understanding(List.of(new Part(cc, resolved, lookup, !resolved.equals(lookup))), true, parsed,
                                elliptical || pointsBack ? null : new Part(c, asking, parsed.withoutSocial(), false));
                    }
                }
            }
        }
        if (BareAmount.asks(asking) && (c.isFallback() || SOCIAL.contains(c.intent()) || c.confidence() < CONFIDENT)) {
            // "얼마줘요?", "지원금 얼마야" with nothing before it: what the program gives.
            c = readAs(AMOUNT_TOPIC, new Classification(AMOUNT_TOPIC, Math.max(c.confidence(), CONFIDENT), List.of()));
        }
        // The topic comes from the asking part; the answer is looked up with the company's own words too.
        return new Understanding(List.of(new Part(c, asking, parsed.withoutSocial(), false)), false, parsed, null, unsure);
    }
}
