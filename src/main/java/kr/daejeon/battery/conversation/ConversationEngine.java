package kr.daejeon.battery.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import kr.daejeon.battery.content.Content;
import kr.daejeon.battery.eligibility.EligibilityCheck;
import kr.daejeon.battery.eligibility.EligibilityFlow;
import kr.daejeon.battery.escalation.BusinessHours;
import kr.daejeon.battery.escalation.ContactDetails;
import kr.daejeon.battery.escalation.HandoffReason;
import kr.daejeon.battery.escalation.TurnContext;
import kr.daejeon.battery.escalation.WaitingMessage;
import kr.daejeon.battery.faq.Answer;
import kr.daejeon.battery.faq.AnswerIndex;
import kr.daejeon.battery.faq.AnswerRenderer;
import kr.daejeon.battery.faq.LocalizedText;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.faq.FaqEntry;
import kr.daejeon.battery.nlu.Classification;
import kr.daejeon.battery.nlu.DialogueContext;
import kr.daejeon.battery.nlu.Interpreter;
import kr.daejeon.battery.nlu.MessageStructure;
import kr.daejeon.battery.nlu.YesNo;
import kr.daejeon.battery.profile.CompanyProfile;
import kr.daejeon.battery.profile.CompanyProfileExtractor;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.LanguageDetector;
import kr.daejeon.battery.nlu.LiveClassifier;
import kr.daejeon.battery.nlu.AsksForPerson;
import kr.daejeon.battery.nlu.MayWeApply;
import kr.daejeon.battery.nlu.ScoredIntent;
import kr.daejeon.battery.nlu.TextNormalizer;

/**
 * Decides what the assistant says: an FAQ answer in the language of the message, a clarifying
 * question when unsure, an offer of a person after repeated misses, or the handoff itself.
 * Pure: it reads the classifier and the FAQ and returns a new state; storing is the caller's job.
 */
public final class ConversationEngine {

    private static final int MAX_CLARIFY_OPTIONS = 3;

    private final LiveClassifier classifier;
    private final Interpreter interpreter;
    private final java.util.function.Supplier<Content> content;
    private final double clarifyThreshold;
    private static final java.time.format.DateTimeFormatter NEXT_OPENING =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final int missesBeforeHandoffOffer;
    private final BusinessHours hours;
    private final int minutesPerTicket;

    /** @param content the current answers, renderer and pre-check (replaced when faq/ changes) */
    public ConversationEngine(LiveClassifier classifier, java.util.function.Supplier<Content> content, double clarifyThreshold,
                              int missesBeforeHandoffOffer, BusinessHours hours, int minutesPerTicket) {
        this.content = content;
        this.minutesPerTicket = minutesPerTicket;
        this.classifier = classifier;
        this.interpreter = new Interpreter(classifier);
        this.clarifyThreshold = clarifyThreshold;
        this.missesBeforeHandoffOffer = missesBeforeHandoffOffer;
        this.hours = hours;
    }

    /** The first message of a new conversation. */
    public Message greeting(Language language, Instant now) {
        FaqEntry greeting = faq().entry("greeting").orElseThrow();
        return Message.bot(renderer().render(greeting, language, now), titles(faq().topTopics(), language), List.of(), now,
                "greeting");
    }

    /**
     * Tells a customer who just joined the staff queue where they stand, with a rough wait:
     * the configured minutes per ticket for every ticket ahead of them and their own.
     */
    public Message queuePosition(Language language, int position, Instant now) {
        // Outside office hours no one replies within minutes: the line says when staff start again.
        String text = hours.isOpen(now)
                ? faq().message("handoff_position", language)
                        .replace("{minutes}", Integer.toString(Math.max(1, position) * minutesPerTicket))
                : faq().message("handoff_position_after_hours", language).replace("{next}", nextOpening(now));
        text = text.replace("{position}", Integer.toString(position));
        return Message.bot(text, List.of(), List.of(), now, FaqCatalog.HANDOFF_INTENT).withKind(MessageKind.QUEUE);
    }

    public TurnResult respond(ConversationState state, String text, Instant now) {
        Language fallbackLanguage = Optional.ofNullable(Language.fromCode(state.locale())).orElse(Language.KO);
        // A conversation keeps its language unless the user clearly writes in the other one (an e-mail, a phone
        // number or a URL never switches it).
        Language language = kr.daejeon.battery.nlu.LanguagePolicy.decide(text, fallbackLanguage);

        if (state.isHandoff()) {
            // Staff own the conversation: the bot must not talk over them.
            return whileWithStaff(state, text, language, now);
        }

        // What a company says about itself ("저희는 대덕구 분리막 업체인데요, 직원은 35명") is kept for the pre-check.
        CompanyProfile said = CompanyProfileExtractor.extract(text);
        if (!said.isEmpty()) {
            state = state.withProfile(state.profile().merge(said));
        }

        Optional<TurnResult> replied = replyToOffer(state, text, language, now);
        if (replied.isPresent()) {
            return replied.get();
        }

        if (eligibility() != null) {
            Optional<TurnResult> checked = eligibilityTurn(state, text, language, now);
            if (checked.isPresent()) {
                return checked.get();
            }
        }

        return answerTurn(state, text, language, now);
    }

    /** A question answered from the FAQ (or handed over, or missed): the turn when no pre-check question is pending. */
    private TurnResult answerTurn(ConversationState state, String text, Language language, Instant now) {
        // A tapped follow-up question or topic button is never misread; nor is "서울 회사인데 신청돼요?", the rule it turns on.
        Optional<Answer> tappedAnswer = faq().answerForLabel(text)
                .or(() -> eligibility() == null ? Optional.empty() : eligibility().ruleAnswer(text));
        Optional<String> tapped = tappedAnswer.map(Answer::topic).or(() -> faq().intentForLabel(text));
        Interpreter.Understanding understood = tapped
                .map(intent -> new Interpreter.Understanding(List.of(new Interpreter.Part(
                        new Classification(intent, 1.0, List.of(new ScoredIntent(intent, 1.0))), text)), false,
                        MessageStructure.parse(text)))
                .orElseGet(() -> weighFacts(interpreter.interpret(text, state.dialogue(), now, language, this::topicName),
                        language));
        if (understood.literal() != null && faq().entry(understood.primary().classification().intent()).isPresent()) {
            // Read in context only because it was short: keep that reading only if it finds this question's own
            // answer near the previous topic ("마감은 언제예요?" after training); otherwise the message stands alone.
            Interpreter.Part inContext = understood.primary();
            Chosen contextual = choose(inContext.classification(), inContext.lookup(),
                    inContext.leansOnTopic() ? state.dialogue().topic() : null);
            if (PARTIAL.equals(contextual.match()) && understood.literal().classification().confidence() >= CONTEXT_OVERRIDE) {
                understood = new Interpreter.Understanding(List.of(understood.literal()), false, understood.structure());
            }
        }
        if (tapped.isEmpty()) {
            understood = askedNotRequested(understood, language);
        }
        Classification c = understood.primary().classification();
        String intent = c.intent();
        if (tapped.isEmpty() && AsksForPerson.in(text)) {
            // "…담당자분께 여쭤보고 싶어요": the person is asked for already; offering one back would ask it twice.
            c = new Classification(FaqCatalog.HANDOFF_INTENT, c.confidence(), c.ranking());
            intent = c.intent();
        }

        if (FaqCatalog.HANDOFF_INTENT.equals(intent)) {
            return handoff(state, language, now, c, List.of());
        }
        if (c.isFallback() && tapped.isEmpty()) {
            Optional<Chosen> rescued = rescue(c, understood.primary().question());
            if (rescued.isPresent()) {
                Answer a = rescued.get().answer();
                c = new Classification(a.topic(), c.ranking().stream().filter(s -> s.intent().equals(a.topic()))
                        .mapToDouble(ScoredIntent::probability).findFirst().orElse(0.0), c.ranking());
                intent = c.intent();
                understood = new Interpreter.Understanding(List.of(new Interpreter.Part(c, understood.primary().question())),
                        understood.followUp(), understood.structure());
            }
        }
        if (c.isFallback() || faq().entry(intent).isEmpty()) {
            return miss(state, language, now, c);
        }
        List<Message> replies = new ArrayList<>();
        DialogueContext dialogue = null;
        boolean escalate = false;
        Set<String> given = new java.util.HashSet<>();
        for (Interpreter.Part part : understood.parts()) {
            String partIntent = part.classification().intent();
            if (tapped.isEmpty() && part != understood.primary() && faq().entry(partIntent).isEmpty()) {
                // A second part with no answer of its own: a request for staff hands over after the answer.
                escalate |= FaqCatalog.HANDOFF_INTENT.equals(partIntent);
                continue;
            }
            Chosen chosen = tappedAnswer.isPresent() ? new Chosen(tappedAnswer.get(), EXACT)
                    : tapped.isPresent() ? new Chosen(faq().answer(tapped.get()).orElseThrow(), OVERVIEW) // a topic button
                    : choose(part.classification(), part.lookup(), part.leansOnTopic() ? state.dialogue().topic() : null);
            if (!given.add(chosen.answer().id())) {
                continue; // two questions of one topic that one answer answers: said once
            }
            Answered answered = answerMessage(chosen, state, language, now);
            replies.add(answered.message());
            escalate |= chosen.answer().entry().escalate();
            if (dialogue == null) {
                dialogue = new DialogueContext(chosen.answer().topic(), chosen.answer().id(), part.question(),
                        answered.offer(), now);
            }
        }
        if (tapped.isEmpty() && understood.unsure() != null) {
            unsureHalf(understood.unsure(), replies, state, language, now).ifPresent(replies::add);
        }
        ConversationState next = remember(state, now, c).withDialogue(dialogue);
        if (escalate) {
            return handoff(next, language, now, c, replies);
        }
        // The intent reported is the topic the answer came from (a follow-up may be answered from a sibling topic).
        String answered = dialogue.topic();
        return new TurnResult(next.withTurn(language.code(), state.status(), 0, now), answered,
                c.confidence(), answered, List.copyOf(replies), c.ranking(), null, null);
    }

    /**
     * What the company said about itself decides the answer only as a whole. A curated answer speaks to one
     * fact ("연구소도 인정돼요"); when the background states two or more of the facts eligibility turns on
     * (company type, sites, a move to Daejeon) — "대기업 계열사인데 대전에 연구소가 있습니다. 신청 가능한가요?" —
     * the one that matches the most words would be answered as if it alone had been asked, and a "네" about the
     * lab hides that a large company is out. Then the question alone picks the answer (the general rule, and the
     * pre-check that weighs every fact). A message of such statements with no question asks whether the company
     * qualifies: it is an eligibility question, not a hello.
     */
    private Interpreter.Understanding weighFacts(Interpreter.Understanding u, Language language) {
        MessageStructure.Parsed parsed = u.structure();
        if (parsed == null || u.followUp() || u.parts().size() != 1) {
            return u;
        }
        Interpreter.Part part = u.primary();
        Classification c = part.classification();
        boolean asks = !parsed.questions().isEmpty();
        // Without a question, only plain statements (not "저희는 … 업체입니다" alone, a hello) can ask it.
        String background = parsed.clauses().stream()
                .filter(cl -> cl.role() == MessageStructure.Role.STATEMENT || (asks && cl.role() == MessageStructure.Role.INTRODUCTION))
                .map(MessageStructure.Clause::text).collect(java.util.stream.Collectors.joining(" "));
        if (background.isEmpty()) {
            return u;
        }
        CompanyProfile facts = CompanyProfileExtractor.extract(background);
        int deciding = (facts.companyType() != null ? 1 : 0)
                + (facts.hasDaejeonSite() || (facts.otherSites() != null && !facts.otherSites().isEmpty()) ? 1 : 0)
                + (facts.relocation() != null ? 1 : 0);
        if (deciding == 0) {
            return u;
        }
        boolean unread = "greeting".equals(c.intent()) || (c.isFallback() && c.confidence() < CLEARLY_OUTSIDE);
        if (!asks && unread && faq().entry(EligibilityFlow.INTENT).isPresent()) {
            Classification elig = new Classification(EligibilityFlow.INTENT, Math.max(c.confidence(), Interpreter.CONFIDENT),
                    c.ranking());
            String lookup = deciding >= 2 ? faq().title(EligibilityFlow.INTENT, language) : parsed.withoutSocial();
            return new Interpreter.Understanding(List.of(new Interpreter.Part(elig, part.question(), lookup, false)), false,
                    parsed, null);
        }
        if (asks && deciding >= 2 && EligibilityFlow.INTENT.equals(c.intent())) {
            // Named as an eligibility question, so a bare "Can we apply?" is not taken for how to apply.
            String question = faq().title(EligibilityFlow.INTENT, language) + " " + String.join(" ", parsed.questions());
            return new Interpreter.Understanding(List.of(new Interpreter.Part(c, part.question(), question, false)),
                    false, parsed, u.literal());
        }
        return u;
    }

    /**
     * Two readings the classifier gets from shared words, told apart by what is asked. "토요일에도 상담돼요?" shares
     * 상담 with requests for a person, but a day the office is closed makes it a question about office hours (the
     * contact topic, whose answer offers a person); so does "are you open on weekends?", which it cannot place.
     * "Can we apply?" / "저희도 신청돼요?" shares 신청 with how to apply, but asks no way, place, date or document: it
     * asks who may apply (the eligibility overview, with the pre-check).
     */
    private Interpreter.Understanding askedNotRequested(Interpreter.Understanding u, Language language) {
        // Each of several questions too ("…, 40 employees. can we apply and how much?").
        List<Interpreter.Part> parts = u.parts().stream().map(p -> askedNotRequested(p, u.followUp(), language)).toList();
        if (parts.equals(u.parts())) {
            return u;
        }
        return new Interpreter.Understanding(parts, u.followUp(), u.structure(), null, u.unsure());
    }

    private Interpreter.Part askedNotRequested(Interpreter.Part part, boolean followUp, Language language) {
        Classification c = part.classification();
        Set<String> asked = faq().index().concepts(part.question());
        String topic = null;
        String lookup = part.lookup();
        // Out of scope too ("are you open on weekends?"), when the reading is not sure and every noun is one the
        // catalog knows: a question naming something the catalog never mentions is about somewhere else.
        boolean unplaced = c.isFallback() && c.confidence() < CLEARLY_OUTSIDE && faq().index().knowsEveryNoun(part.question());
        if ((FaqCatalog.HANDOFF_INTENT.equals(c.intent()) || unplaced) && asked.contains(AnswerIndex.DAY_OFF)) {
            topic = OFFICE_HOURS_TOPIC;
        } else if (APPLYING_TOPICS.contains(c.intent()) && !followUp && asked.contains(AnswerIndex.NOW)
                && (faq().index().isGeneral(part.question(), c.intent(), Set.of(AnswerIndex.NOW))
                        || faq().index().isGeneral(part.question(), STATUS_TOPIC, Set.of(AnswerIndex.NOW)))) {
            // "지금도 신청 가능해요?", "can I apply today?": whether a call is open, not who or how; the period's
            // overview states the newest call's status and where the next one is posted.
            topic = STATUS_TOPIC;
            lookup = faq().title(STATUS_TOPIC, language);
        } else if (APPLYING_TOPICS.contains(c.intent()) && !followUp && MayWeApply.asks(part.question())
                && asked.stream().noneMatch(AnswerIndex.PARTICULARS::contains) && faq().index().isGeneral(part.question(), APPLYING_TOPIC)) {
            topic = EligibilityFlow.INTENT;
            lookup = faq().title(EligibilityFlow.INTENT, language); // who may apply in general: the overview
        }
        if (topic == null || faq().entry(topic).isEmpty()) {
            return part;
        }
        Classification read = new Classification(topic, c.confidence(), c.ranking());
        return new Interpreter.Part(read, part.question(), lookup, false);
    }

    static final String OFFICE_HOURS_TOPIC = "contact";
    static final String APPLYING_TOPIC = "application_process";
    /** Where whether a call is open now is answered (the newest call's status, where the next one is posted). */
    static final String STATUS_TOPIC = "application_deadline";
    /** The readings a bare "can we apply?" gets: how to apply, or who may (whose ranking then drifts to how). */
    static final Set<String> APPLYING_TOPICS = Set.of(APPLYING_TOPIC, EligibilityFlow.INTENT);
    /** A topic the classifier gives the unsure half of two questions at least this much is offered as a choice. */
    static final double UNSURE_HALF_TOPIC = 0.1;

    /**
     * The unsure one of two questions ("how much is it" in "how much is it and when is the deadline?") is not dropped:
     * its likely topics, other than those just answered, are offered to choose from.
     */
    private Optional<Message> unsureHalf(Interpreter.Part unsure, List<Message> answered, ConversationState state, Language language,
                                         Instant now) {
        Set<String> done = new java.util.HashSet<>();
        answered.forEach(m -> done.add(m.intent()));
        List<String> candidates = unsure.classification().ranking().stream()
                .filter(s -> s.probability() >= UNSURE_HALF_TOPIC && faq().entry(s.intent()).isPresent() && !done.contains(s.intent()))
                .map(ScoredIntent::intent)
                .filter(i -> !i.equals("greeting") && !i.equals("goodbye") && !i.equals(FaqCatalog.HANDOFF_INTENT))
                .limit(2)
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        // One entry under those topics that clearly answers the half ("how much is it": the amounts) is the answer;
        // only when none stands out are the topics offered.
        List<AnswerIndex.Match> ranked = faq().index().rank(unsure.question(), candidates, 2);
        if (!ranked.isEmpty() && !ranked.get(0).answer().isOverview() && ranked.get(0).similarity() >= ACCEPT_NEIGHBOUR
                && ranked.get(0).similarity() - (ranked.size() > 1 ? ranked.get(1).similarity() : 0) >= MARGIN_ANYWHERE) {
            return Optional.of(answerMessage(new Chosen(ranked.get(0).answer(), EXACT), state, language, now).message());
        }
        String text = faq().message("unsure_half", language).replace("{question}", unsure.question());
        return Optional.of(Message.bot(text, titles(candidates, language), List.of(), now, IntentClassifier.FALLBACK));
    }

    /** "네" / "아니요" to the bot's own yes/no question of the previous turn. */
    private Optional<TurnResult> replyToOffer(ConversationState state, String text, Language language, Instant now) {
        DialogueContext dialogue = state.dialogue();
        if (dialogue.offer() == null || !dialogue.liveAt(now)) {
            return Optional.empty();
        }
        YesNo.Reply reply = YesNo.of(text);
        if (reply == null) {
            return Optional.empty();
        }
        ConversationState answered = state.withDialogue(dialogue.withOffer(null));
        if (reply == YesNo.Reply.YES && DialogueContext.OFFER_HANDOFF.equals(dialogue.offer())) {
            Classification yes = new Classification(FaqCatalog.HANDOFF_INTENT, 1.0, List.of());
            return Optional.of(handoff(answered, language, now, yes, List.of()));
        }
        if (reply == YesNo.Reply.YES && DialogueContext.OFFER_CHECK.equals(dialogue.offer()) && eligibility() != null) {
            return Optional.of(checkTurn(answered, eligibility().start(answered.profile(), language, now), language, now));
        }
        String topic = dialogue.topic() == null ? "greeting" : dialogue.topic();
        Message ok = Message.bot(faq().message("offer_declined", language), titles(faq().topTopics(), language), List.of(), now,
                topic);
        return Optional.of(new TurnResult(answered.withTurn(language.code(), state.status(), 0, now), topic, 1.0, topic,
                List.of(ok), List.of(new ScoredIntent(topic, 1.0)), null, null));
    }

    /** How a topic is named in a follow-up question ("선도기업", "교육"); null when its content names none. */
    private String topicName(String topic, Language language) {
        LocalizedText anchor = faq().anchor(topic);
        return anchor == null ? null : anchor.in(language);
    }

    /**
     * During the pre-check only a clear request for a person ends it: an answer the check did not understand
     * ("직원은 12명 정도") can look like one to the classifier at low confidence, and ending the check then loses
     * the company's answers for nothing.
     */
    static final double HANDOFF_DURING_CHECK = 0.6;

    /** An out-of-scope reading this sure (no program topic above 10%) is outside the program, not a miss. */
    static final double CLEARLY_OUTSIDE = 0.9;

    static final String EXACT = "exact";
    static final String OVERVIEW = "overview";
    static final String PARTIAL = "partial";

    /** Below this similarity no answer is taken as the answer to the question (see {@link AnswerIndex.Match}). */
    static final double ACCEPT = 0.18;
    /** An answer filed under a neighbouring topic must match more clearly than one under the topic itself. */
    static final double ACCEPT_NEIGHBOUR = 0.30;
    /** A neighbouring topic is searched too when the classifier gives it at least this much. */
    static final double NEIGHBOUR_TOPIC = 0.15;
    /**
     * A neighbour given at least this share of the top topic's probability is as likely as the top one ("선정되면 뭐
     * 해야돼요?": benefits 0.53, selection 0.42): its answers are accepted at the own topic's bar, not the neighbour's.
     */
    static final double NEAR_TOP_SHARE = 0.5;

    /** An answer under a topic the question names gets this much on top of its similarity. */
    static final double OWN_TOPIC_BONUS = 0.05;
    /** The best answer must lead the next by this much, unless it matches at least {@link #SURE}. */
    static final double MARGIN = 0.015;
    static final double SURE = 0.35;

    private static double score(AnswerIndex.Match m, List<String> own) {
        return m.similarity() + (own.contains(m.answer().topic()) ? OWN_TOPIC_BONUS : 0);
    }

    private record Chosen(Answer answer, String match) {
    }

    private record Answered(Message message, String offer) {
    }

    private static final java.util.regex.Pattern BOTH_AT_ONCE = java.util.regex.Pattern.compile("(?:동시에|동시 신청|둘 ?다|같이|함께)");

    /** "선도기업" as companies shorten it ("선도랑 유망 동시에 …"): a track is named without its "기업". */
    private static String shortName(String koAnchor) {
        return koAnchor.endsWith("기업") && koAnchor.length() > 3 ? koAnchor.substring(0, koAnchor.length() - 2) : koAnchor;
    }

    /**
     * The answer to this question under its topic: the best-matching curated answer when it matches
     * well, the topic's overview for a general question, and otherwise the overview as "what is
     * known", with a person offered.
     */
    private Chosen choose(Classification c, String question, String previousTopic) {
        Answer overview = faq().answer(c.intent()).orElseThrow();
        if ("greeting".equals(c.intent()) || "goodbye".equals(c.intent())) {
            return new Chosen(overview, OVERVIEW);
        }
        List<String> topics = new ArrayList<>();
        topics.add(c.intent());
        for (ScoredIntent s : c.ranking()) {
            if (!s.intent().equals(c.intent()) && s.probability() >= NEIGHBOUR_TOPIC && faq().entry(s.intent()).isPresent()
                    && !s.intent().equals("greeting") && !s.intent().equals("goodbye") && topics.size() < 3) {
                topics.add(s.intent());
            }
        }
        if (previousTopic != null) {
            // A follow-up may ask for an answer filed under the topic it follows, or a sibling of it
            // ("마감은요?" after a training answer is the training sign-up deadline).
            Interpreter.family(previousTopic).stream().filter(t -> !topics.contains(t)).forEach(topics::add);
        }
        List<String> own = new ArrayList<>(List.of(c.intent()));
        double top = c.ranking().stream().filter(x -> x.intent().equals(c.intent())).mapToDouble(ScoredIntent::probability)
                .findFirst().orElse(c.confidence());
        c.ranking().stream().filter(x -> topics.contains(x.intent()) && x.probability() >= NEAR_TOP_SHARE * top)
                .map(ScoredIntent::intent).filter(t -> !own.contains(t)).forEach(own::add);
        List<String> named = new ArrayList<>();
        if (previousTopic != null) {
            own.addAll(Interpreter.family(previousTopic));
            // A follow-up read in context is about the topic it was read as ("How much do they get?" after the
            // promising track): that topic's answers lead, as if the question had named it.
            named.add(c.intent());
        }
        // A question that names a track or another topic ("유망기업 …") is about that topic's answers.
        String normalized = TextNormalizer.normalize(question);
        List<String> anchored = new ArrayList<>();
        List<String> shortened = new ArrayList<>();
        for (String topic : faq().entries().stream().map(FaqEntry::intent).toList()) {
            LocalizedText anchor = faq().anchor(topic);
            if (anchor == null) {
                continue;
            }
            String ko = TextNormalizer.normalize(anchor.ko());
            if (normalized.contains(ko) || normalized.contains(TextNormalizer.normalize(anchor.en()).replace("the ", ""))) {
                anchored.add(topic);
            } else if (normalized.contains(shortName(ko))) {
                shortened.add(topic);
            }
        }
        if (shortened.size() + anchored.size() >= 2 && !shortened.isEmpty() && BOTH_AT_ONCE.matcher(normalized).find()) {
            // "선도랑 유망 동시에 …": both tracks at once, named without their "기업"; one short word alone
            // ("유망은요?") or a comparison of the two (the overview's) is left to the classifier.
            anchored.addAll(shortened);
        }
        // Payment or reporting asked about under a track ("선도기업 되면 돈 언제 들어와요?"): the topic holding those
        // answers is searched as if named, however sure the classifier is of the track.
        anchored.addAll(faq().index().subjectTopics(question));
        for (String topic : anchored) {
            if (!topics.contains(topic)) {
                topics.add(topic);
            }
            own.add(topic);
            named.add(topic);
        }
        if (previousTopic == null && named.isEmpty() && c.confidence() >= WIDE_BELOW_CONFIDENCE
                && faq().index().isGeneral(question, c.intent())) {
            // Nothing asked beyond a sure topic ("마감일?", "deadline?"): the overview says what is known; an entry
            // that shares the topic word answers a narrower question (the closing hour, a late submission). An unsure
            // topic is left to the ranking: a garbled word can look general and the answer may lie under a neighbour.
            return new Chosen(overview, OVERVIEW);
        }
        List<AnswerIndex.Match> ranked = new ArrayList<>(faq().index().rank(question, topics, 4));
        ranked.sort((x, y) -> Double.compare(score(y, named), score(x, named)));
        // A question that asks more than its topic in general is not answered by the overview, so the overview is no
        // rival to the entry that answers it ("유망기업은 몇 군데 선정해요": the amount-and-count entry vs the overview).
        boolean general = faq().index().isGeneral(question, c.intent());
        for (int i = 0; i < ranked.size(); i++) {
            AnswerIndex.Match m = ranked.get(i);
            double runnerUp = 0;
            for (int j = i + 1; j < ranked.size(); j++) {
                if (general || m.answer().isOverview() || !ranked.get(j).answer().isOverview()) {
                    runnerUp = score(ranked.get(j), named);
                    break;
                }
            }
            boolean isOwn = own.contains(m.answer().topic());
            double s = score(m, named);
            boolean clear = s - runnerUp >= MARGIN || s >= SURE;
            if (s >= (isOwn ? ACCEPT : ACCEPT_NEIGHBOUR) && clear) {
                return new Chosen(m.answer(), m.answer().isOverview() ? OVERVIEW : EXACT);
            }
            if (s >= ACCEPT) {
                break; // two answers fit about equally: neither is taken as the answer
            }
        }
        if (general) {
            return new Chosen(overview, OVERVIEW);
        }
        // Only a classifier unsure of its topic is overruled: a sure topic without a fitting answer is an
        // uncovered question, and a look-alike answer from another topic would answer something else.
        return c.confidence() < WIDE_BELOW_CONFIDENCE
                ? wide(question, topics).orElse(new Chosen(overview, PARTIAL)) : new Chosen(overview, PARTIAL);
    }

    /**
     * The classifier names the topic from the words a question shares with a topic's training lines, and a
     * question about the project period reads like the program's overview; when no answer under the topics it
     * named fits, one clearly closer answer anywhere in the catalog is still the answer to the question.
     */
    private Optional<Chosen> wide(String question, List<String> searched) {
        List<String> rest = faq().entries().stream().map(FaqEntry::intent)
                .filter(t -> !searched.contains(t) && !"greeting".equals(t) && !"goodbye".equals(t)).toList();
        List<AnswerIndex.Match> ranked = faq().index().rank(question, rest, 2);
        if (ranked.isEmpty() || ranked.get(0).answer().isOverview()) {
            return Optional.empty();
        }
        AnswerIndex.Match best = ranked.get(0);
        double runnerUp = ranked.size() > 1 ? ranked.get(1).similarity() : 0;
        return best.similarity() >= ACCEPT_ANYWHERE && best.similarity() - runnerUp >= MARGIN_ANYWHERE
                ? Optional.of(new Chosen(best.answer(), EXACT)) : Optional.empty();
    }

    /** The rest of the catalog is searched only when the classifier gave its topic less than this. */
    static final double WIDE_BELOW_CONFIDENCE = 0.75;
    /** An answer outside every topic the classifier named must match this clearly ... */
    static final double ACCEPT_ANYWHERE = 0.24;
    /** ... and lead the next one by this much. */
    static final double MARGIN_ANYWHERE = 0.07;

    /** A short message read on its own this confidently keeps that reading unless the context finds its exact answer. */
    static final double CONTEXT_OVERRIDE = 0.55;

    /** An answer this close to the question overrides an unsure "out of scope" (the classifier's top topic had a chance). */
    static final double RESCUE = 0.5;
    /** ... but not when the classifier was sure: near-domain questions of other programs share our words. */
    static final double RESCUE_MAX_FALLBACK_CONFIDENCE = 0.8;

    /** A question the classifier was unsure about, but which a curated answer under one of its candidate topics matches closely. */
    private Optional<Chosen> rescue(Classification c, String question) {
        if (c.confidence() > RESCUE_MAX_FALLBACK_CONFIDENCE || c.ranking().isEmpty() || !faq().index().knowsEveryNoun(question)) {
            return Optional.empty();
        }
        List<String> topics = c.ranking().stream().map(ScoredIntent::intent)
                .filter(i -> faq().entry(i).isPresent() && !i.equals("greeting") && !i.equals("goodbye")).toList();
        return faq().index().rank(question, topics, 1).stream().filter(m -> m.similarity() >= RESCUE)
                .findFirst().map(m -> new Chosen(m.answer(), m.answer().isOverview() ? OVERVIEW : EXACT));
    }

    private Answered answerMessage(Chosen chosen, ConversationState state, Language language, Instant now) {
        Answer a = chosen.answer();
        FaqEntry e = a.entry();
        List<MessageLink> links = new ArrayList<>(
                e.links().stream().filter(kr.daejeon.battery.faq.Link::offered)
                        .map(l -> new MessageLink(l.label().in(language), l.url())).toList());
        links.addAll(calendarLinks(e, state, language, now));
        List<String> quickReplies = new ArrayList<>();
        String offer = null;
        String text = renderer().render(e, language, now);
        if (PARTIAL.equals(chosen.match())) {
            // The topic is right but nothing curated answers this: say what is known, and offer a person.
            text = faq().message("partial_answer", language) + "\n\n" + text + "\n\n" + faq().message("partial_offer", language);
            quickReplies.add(faq().handoffLabel(language));
            offer = DialogueContext.OFFER_HANDOFF;
        }
        e.followUps().forEach(f -> quickReplies.add(faq().label(f, language)));
        if (eligibility() != null && EligibilityFlow.INTENT.equals(a.topic()) && offer == null) {
            // "Can we apply?": offer the guided check; the answer above is there for those who decline.
            quickReplies.add(0, eligibility().startLabel(language));
            text = text + "\n\n" + faq().message("check_offer", language);
            offer = DialogueContext.OFFER_CHECK;
        } else if (offer == null && e.followUps().contains(FaqCatalog.HANDOFF_INTENT)) {
            offer = DialogueContext.OFFER_HANDOFF;
        }
        Message m = Message.bot(text, quickReplies.stream().distinct().toList(), links, now, a.topic())
                .withAnswer(a.id(), chosen.match());
        return new Answered(m, offer);
    }

    /** The pre-check's turn: starting it, answering its questions, or handing over with the answers so far. */
    private Optional<TurnResult> eligibilityTurn(ConversationState state, String text, Language language, Instant now) {
        EligibilityCheck check = state.check();
        boolean restart = check != null && eligibility().isRestart(check, text);
        if (eligibility().isStart(text) || restart) {
            // "처음부터 다시" forgets what the company said: every question is asked again.
            ConversationState from = restart ? state.withProfile(CompanyProfile.EMPTY) : state;
            return Optional.of(checkTurn(from, eligibility().start(from.profile(), language, now), language, now));
        }
        if (!eligibility().inProgress(check)) {
            return Optional.empty();
        }
        boolean tappedHandoff = faq().intentForLabel(text).filter(FaqCatalog.HANDOFF_INTENT::equals).isPresent();
        EligibilityFlow.Step step = tappedHandoff ? null : eligibility().answer(check, text, language, now);
        if (step == null || !step.understood()) {
            Classification c = tappedHandoff ? new Classification(FaqCatalog.HANDOFF_INTENT, 1.0, List.of())
                    : classifier.current().classify(text);
            if (FaqCatalog.HANDOFF_INTENT.equals(c.intent()) && (tappedHandoff || c.confidence() >= HANDOFF_DURING_CHECK)) {
                // The answers travel with the ticket (see eligibilitySummary); the check itself ends here.
                return Optional.of(handoff(state.withCheck(null), language, now, c, List.of()));
            }
        }
        if (step != null && step.sideQuestion()) {
            // "신청 마감이 언제예요?" during the check: answer it, then ask the pending question again.
            TurnResult answered = answerTurn(state, text, language, now);
            if (answered.state().isHandoff()) {
                return Optional.of(answered);
            }
            List<Message> replies = new ArrayList<>(answered.replies());
            replies.addAll(eligibility().resume(check, language, now).replies());
            // The bot's last question is the check's again, so a "네" now answers the check, not an offer above it.
            ConversationState resumed = answered.state().withCheck(check)
                    .withDialogue(answered.state().dialogue().withOffer(null));
            return Optional.of(new TurnResult(resumed, answered.intent(), answered.confidence(),
                    answered.userIntent(), List.copyOf(replies), answered.ranking(), null, null));
        }
        return Optional.of(checkTurn(state, step, language, now));
    }

    private TurnResult checkTurn(ConversationState state, EligibilityFlow.Step step, Language language, Instant now) {
        // The check's question is now the bot's last question: a "네" answers it, not an offer made before.
        // An open result ends with "shall I connect you with staff?": then a "네" hands over, as the button does.
        DialogueContext dialogue = step.offersPerson()
                ? new DialogueContext(EligibilityFlow.INTENT, null, null, DialogueContext.OFFER_HANDOFF, now)
                : state.dialogue().withOffer(null);
        ConversationState next = state.withDialogue(dialogue).withCheck(step.check())
                .withTurn(language.code(), state.status(), 0, now);
        if (step.check() != null) {
            // What the check confirmed is what the company is, for the rest of the conversation.
            next = next.withProfile(next.profile().merge(eligibility().profile(step.check())));
        }
        return new TurnResult(next, EligibilityFlow.INTENT, 1.0, EligibilityFlow.INTENT, step.replies(),
                List.of(new ScoredIntent(EligibilityFlow.INTENT, 1.0)), null, null);
    }

    /** The pre-check answers of a conversation, in words, for the staff ticket; null when there are none. */
    public String eligibilitySummary(ConversationState state) {
        return eligibility() == null ? null
                : eligibility().summary(state.check(), Optional.ofNullable(Language.fromCode(state.locale())).orElse(Language.KO));
    }

    private FaqCatalog faq() {
        return content.get().faq();
    }

    private AnswerRenderer renderer() {
        return content.get().renderer();
    }

    /** The guided pre-check, or null when the content has none. */
    private EligibilityFlow eligibility() {
        return content.get().eligibility();
    }

    /** On the web, an answer listing training sessions offers each real (not example) one as a calendar file. */
    private List<MessageLink> calendarLinks(FaqEntry e, ConversationState state, Language language, Instant now) {
        if (!"web".equals(state.channel()) || !e.answer().in(language).contains("{sessions}")) {
            return List.of();
        }
        return faq().trainingCalendar().upcomingPublic(now).stream().limit(3)
                .map(s -> new MessageLink((language == Language.KO ? "캘린더에 추가: " : "Add to calendar: ")
                        + s.course().in(language), TRAINING_ICS_PATH + s.id() + ".ics?lang=" + language.code()))
                .toList();
    }

    /** Where the API serves a training session's iCalendar file. */
    public static final String TRAINING_ICS_PATH = "/api/v1/training/sessions/";

    private TurnResult miss(ConversationState state, Language language, Instant now, Classification c) {
        // Every miss counts, chit-chat and questions plainly outside the program ("ㅋㅋㅋ", EV subsidies) too: a company
        // that keeps getting "I can't answer that" is stuck whatever the reason, and a person can at least point elsewhere.
        int misses = state.misses() + 1;
        Message reply;
        if (misses >= missesBeforeHandoffOffer) {
            List<String> options = new ArrayList<>();
            options.add(faq().handoffLabel(language));
            options.addAll(titles(faq().topTopics(), language));
            reply = Message.bot(faq().message("offer_handoff", language), options, List.of(), now, IntentClassifier.FALLBACK);
            state = state.withDialogue(new DialogueContext(null, null, null, DialogueContext.OFFER_HANDOFF, now));
        } else {
            state = state.withDialogue(state.dialogue().withOffer(null));
            List<String> candidates = c.ranking().stream()
                    .filter(s -> s.probability() >= clarifyThreshold && faq().entry(s.intent()).isPresent())
                    .filter(s -> !s.intent().equals("greeting") && !s.intent().equals("goodbye"))
                    .limit(MAX_CLARIFY_OPTIONS)
                    .map(ScoredIntent::intent)
                    .toList();
            reply = candidates.isEmpty()
                    ? Message.bot(faq().message("fallback", language), titles(faq().topTopics(), language), List.of(), now,
                            IntentClassifier.FALLBACK)
                    : Message.bot(faq().message("clarify", language), titles(candidates, language), List.of(), now,
                            IntentClassifier.FALLBACK);
        }
        return new TurnResult(remember(state, now, c).withTurn(language.code(), state.status(), misses, now),
                IntentClassifier.FALLBACK, c.confidence(), IntentClassifier.FALLBACK, List.of(reply), c.ranking(), null, null);
    }

    private TurnResult handoff(ConversationState state, Language language, Instant now, Classification c,
                               List<Message> before) {
        List<Message> replies = new ArrayList<>(before);
        replies.add(Message.bot(faq().message("handoff_started", language), List.of(), List.of(), now,
                FaqCatalog.HANDOFF_INTENT).withKind(MessageKind.HANDOFF));
        boolean afterHours = !hours.isOpen(now);
        if (afterHours) {
            String next = nextOpening(now);
            replies.add(Message.bot(faq().message("handoff_after_hours", language).replace("{next}", next), List.of(),
                    List.of(), now, FaqCatalog.HANDOFF_INTENT));
        }
        // An escalating FAQ entry still reports the intent its answer came from.
        String reported = before.isEmpty() ? FaqCatalog.HANDOFF_INTENT : c.intent();
        ConversationState next = remember(state, now, c).withTurn(language.code(), ConversationState.WAITING, 0, now)
                .withAwaitingContact(afterHours);
        HandoffReason reason = !before.isEmpty() ? HandoffReason.FAQ_ESCALATE
                : state.misses() >= missesBeforeHandoffOffer ? HandoffReason.REPEATED_MISSES : HandoffReason.USER_REQUEST;
        return new TurnResult(next, reported, c.confidence(), c.intent(), replies, c.ranking(), reason, null);
    }

    /**
     * Staff own the conversation: the bot does not talk over them. It collects the contact details it asked for
     * outside business hours and, until a member of staff has joined, replies to every message: a cancellation
     * hands the conversation back to the bot, a question its FAQ answers confidently is answered (staff will still
     * reply), anything else is acknowledged with when staff reply.
     */
    private TurnResult whileWithStaff(ConversationState state, String text, Language language, Instant now) {
        ConversationState next = state.withTurn(language.code(), state.status(), 0, now);
        if (state.awaitingContact()) {
            // Contact lines are short and mostly addresses: they are told in the conversation's language, which they keep.
            Language spoken = Optional.ofNullable(Language.fromCode(state.locale())).orElse(language);
            ConversationState kept = state.withTurn(spoken.code(), state.status(), 0, now);
            Optional<String> contact = ContactDetails.find(text);
            if (contact.isPresent()) {
                return new TurnResult(kept.withAwaitingContact(false), FaqCatalog.HANDOFF_INTENT, 1.0, null,
                        List.of(Message.bot(faq().message("contact_saved", spoken).replace("{contact}", contact.get()), List.of(),
                                List.of(), now, FaqCatalog.HANDOFF_INTENT)), List.of(), null, contact.get());
            }
            if (ContactDetails.looksLikeContact(text)) {
                return new TurnResult(kept, FaqCatalog.HANDOFF_INTENT, 1.0, null,
                        List.of(Message.bot(faq().message("contact_invalid", spoken), List.of(), List.of(), now,
                                FaqCatalog.HANDOFF_INTENT)), List.of(), null, null);
            }
        }
        if (!ConversationState.WAITING.equals(state.status())) {
            // Staff have joined: they answer.
            return new TurnResult(next, FaqCatalog.HANDOFF_INTENT, 1.0, null, List.of(), List.of(), null, null);
        }
        WaitingMessage meant = WaitingMessage.of(text);
        if (meant == WaitingMessage.CANCEL) {
            // The ticket id stays on the state: the chat service closes that ticket as cancelled by the customer.
            ConversationState back = next.withTurn(language.code(), ConversationState.BOT, 0, now).withAwaitingContact(false);
            return new TurnResult(back, FaqCatalog.HANDOFF_INTENT, 1.0, null, List.of(Message.bot(
                    faq().message("handoff_cancelled", language), titles(faq().topTopics(), language), List.of(), now,
                    FaqCatalog.HANDOFF_INTENT)), List.of(), null, null);
        }
        if (meant == WaitingMessage.PASSED_ON) {
            Optional<TurnResult> answered = answerWhileWaiting(state, text, language, now);
            if (answered.isPresent()) {
                return answered.get();
            }
        }
        return new TurnResult(next, FaqCatalog.HANDOFF_INTENT, 1.0, null, List.of(waitingReply(meant, language, now)),
                List.of(), null, null);
    }

    /** When staff start again, as the handoff texts show it. */
    private String nextOpening(Instant now) {
        return NEXT_OPENING.format(hours.nextOpening(now));
    }

    /** Until staff join, a message is acknowledged with when staff reply: within office hours, or after the next opening. */
    private Message waitingReply(WaitingMessage meant, Language language, Instant now) {
        String key = (meant == WaitingMessage.REPLY_TIME ? "handoff_reply_time" : "handoff_passed_on")
                + (hours.isOpen(now) ? "" : "_after_hours");
        String text = faq().message(key, language).replace("{minutes}", Integer.toString(minutesPerTicket))
                .replace("{next}", nextOpening(now));
        return Message.bot(text, List.of(), List.of(), now, FaqCatalog.HANDOFF_INTENT);
    }

    /**
     * While waiting for staff a wrong answer costs more than silence (staff answer anyway): only a question read this
     * surely, on its own, is answered ("서류 뭐 필요해요?" reads at 0.98, "아직인가요?" at 0.6).
     */
    static final double CONFIDENT_WHILE_WAITING = 0.8;

    /** A confident curated answer (not a guess, a partial answer or a new handoff), with a note that staff will reply. */
    private Optional<TurnResult> answerWhileWaiting(ConversationState state, String text, Language language, Instant now) {
        // Read alone: "아직인가요?" is about the wait, not a follow-up to the topic talked about before the handoff.
        TurnResult r = answerTurn(state.withDialogue(DialogueContext.none()), text, language, now);
        boolean confident = r.handoffReason() == null && r.confidence() >= CONFIDENT_WHILE_WAITING
                && !r.replies().isEmpty() && r.replies().stream().allMatch(m -> EXACT.equals(m.match()) || OVERVIEW.equals(m.match()))
                && !"greeting".equals(r.intent()) && !"goodbye".equals(r.intent());
        if (!confident) {
            return Optional.empty();
        }
        String handoffLabel = faq().handoffLabel(language);
        List<Message> replies = new ArrayList<>(r.replies().stream()
                .map(m -> m.withQuickReplies(m.quickReplies().stream().filter(q -> !q.equals(handoffLabel)).toList()))
                .toList());
        replies.add(Message.bot(faq().message("handoff_still_waiting", language), List.of(), List.of(), now,
                FaqCatalog.HANDOFF_INTENT));
        // Already waiting for a person: no offer of one, and no "네" that would ask again.
        ConversationState next = r.state().withDialogue(r.state().dialogue().withOffer(null));
        return Optional.of(new TurnResult(next, r.intent(), r.confidence(), r.userIntent(), List.copyOf(replies), r.ranking(),
                null, null));
    }

    private static ConversationState remember(ConversationState state, Instant now, Classification c) {
        return state.withClassification(new TurnContext(now, c.ranking()));
    }

    private List<String> titles(List<String> intents, Language language) {
        return intents.stream().map(i -> faq().title(i, language)).toList();
    }
}
