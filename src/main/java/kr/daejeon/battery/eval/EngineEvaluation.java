package kr.daejeon.battery.eval;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.content.Content;
import kr.daejeon.battery.conversation.ConversationEngine;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.TurnResult;
import kr.daejeon.battery.escalation.BusinessHours;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.LiveClassifier;

/**
 * Asks the real {@link ConversationEngine} what a company would ask and scores what it answers, so
 * everything between the message and the reply (sentence splitting, context, the classifier) is
 * measured, not the classifier alone. Every question starts a new conversation; a dialogue is two
 * turns of one conversation. Pure and in memory: no server, no store.
 */
public final class EngineEvaluation {

    /** A Monday, 11:00 in Daejeon: inside business hours, so a handoff is a plain handoff. */
    public static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    private final ConversationEngine engine;
    private final FaqCatalog faq;
    private final Instant now;

    public EngineEvaluation(ConversationEngine engine, FaqCatalog faq, Instant now) {
        this.engine = engine;
        this.faq = faq;
        this.now = now;
    }

    /**
     * The service's engine over {@code classifier} and the answers in {@code faqDir}, with the
     * default settings of {@link AppConfig} (none of which changes which intent a reply comes from).
     */
    public static EngineEvaluation of(IntentClassifier classifier, Path faqDir) {
        Map<String, String> d = AppConfig.DEFAULTS;
        ZoneId zone = ZoneId.of(d.get("time_zone"));
        Content content = Content.load(faqDir, zone, classifier.intents());
        ConversationEngine engine = new ConversationEngine(new LiveClassifier(classifier), () -> content,
                Double.parseDouble(d.get("clarify_threshold")), Integer.parseInt(d.get("misses_before_handoff")),
                BusinessHours.parse(d.get("business_hours"), d.get("holidays"), zone),
                Integer.parseInt(d.get("expected_minutes_per_ticket")));
        return new EngineEvaluation(engine, content.faq(), NOW);
    }

    /**
     * Answer-level accuracy (issue 17): each sub-question of {@code answers.tsv} ({@code intent, lang, asks, text})
     * asked alone; right when the first answering message is one of the answers {@code answer-labels.tsv}
     * accepts for its {@code asks}, or, where the label is {@code none}, when the reply says what is known
     * and offers a person ({@code partial}) or hands over. Returns per language {right, total}, and the misses.
     */
    public Map<Language, int[]> answers(Path answersTsv, Path labelsTsv, List<String> misses) throws java.io.IOException {
        Map<String, Set<String>> accepted = new java.util.HashMap<>();
        for (String line : java.nio.file.Files.readAllLines(labelsTsv)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\t");
            accepted.put(p[0].strip(), Set.of(p[1].strip().split("\\s*,\\s*")));
        }
        Map<Language, int[]> out = new java.util.EnumMap<>(Language.class);
        for (String line : java.nio.file.Files.readAllLines(answersTsv)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] p = line.split("\t");
            Language language = Language.fromCode(p[1].strip());
            Set<String> ok = accepted.getOrDefault(p[2].strip(), Set.of());
            TurnResult r = askInTurns(p[3], language);
            Message first = r.replies().stream().filter(m -> m.answerId() != null).findFirst().orElse(null);
            boolean right = ok.contains("none")
                    ? (first != null && "partial".equals(first.match())) || "human_handoff".equals(r.intent())
                    : first != null && !"partial".equals(first.match()) && ok.contains(first.answerId());
            int[] c = out.computeIfAbsent(language, k -> new int[2]);
            c[1]++;
            if (right) {
                c[0]++;
            } else if (misses != null) {
                misses.add(p[2] + " [" + String.join(",", ok) + "] -> " + (first == null ? r.intent() : first.answerId() + "/" + first.match())
                        + " (" + p[1].strip() + ": " + p[3].strip() + ")");
            }
        }
        return out;
    }

    /** Separates the turns of a two-turn line in an answers file: {@code "마감언제에요 >> 2024년엔요?"}. */
    static final String TURN = " >> ";

    /**
     * The reply to the last turn of {@code text}, each earlier turn (split at {@link #TURN}) asked first in the
     * same conversation, so a follow-up is judged by the answer it gets after the question it follows.
     */
    public TurnResult askInTurns(String text, Language language) {
        String[] turns = text.split(java.util.regex.Pattern.quote(TURN));
        TurnResult r = ask(turns[0].strip(), language);
        for (int i = 1; i < turns.length; i++) {
            r = engine.respond(r.state(), turns[i].strip(), now);
        }
        return r;
    }

    /** The engine's reply to {@code text} as the first message of a new web conversation in {@code language}. */
    public TurnResult ask(String text, Language language) {
        return engine.respond(newConversation(language), text, now);
    }

    /**
     * Every question in every variant that applies to it (see {@link Perturbation#appliesTo(EvalQuestion)});
     * the plain variant is always scored, and each variant's drop is against the plain replies to the
     * same questions.
     */
    public QuestionReport questions(List<EvalQuestion> questions, List<Perturbation> variants, long seed) {
        List<Perturbation> all = new ArrayList<>(List.of(Perturbation.PLAIN));
        variants.stream().filter(v -> !all.contains(v)).forEach(all::add);
        Map<Language, Map<Perturbation, QuestionReport.Variant>> results = new EnumMap<>(Language.class);
        for (EvalQuestion q : questions) {
            TurnResult plain = ask(q.text(), q.language());
            for (Perturbation p : all) {
                if (!p.appliesTo(q)) {
                    continue;
                }
                String text = p.apply(q.text(), q.language(), seed);
                TurnResult reply = p == Perturbation.PLAIN ? plain : ask(text, q.language());
                QuestionReport.Variant v = results.computeIfAbsent(q.language(), k -> new EnumMap<>(Perturbation.class))
                        .computeIfAbsent(p, k -> new QuestionReport.Variant());
                v.report().add(q.intent(), reply.intent());
                v.baseline().add(q.intent(), plain.intent());
                if (!q.intent().equals(reply.intent())) {
                    v.misses().add(String.format(Locale.ROOT, "[%s %s] %s %s -> %s: %s", q.language().code(),
                            p.label(q.language()), q.source(), String.join("|", q.intents()), reply.intent(), text));
                }
                if (q.asksTwo()) {
                    v.countTwoQuestions(answersBoth(q, reply), offersBoth(q, reply));
                }
            }
        }
        return new QuestionReport(seed, results);
    }

    /**
     * Each dialogue's second message answered in the conversation the first one left, and, for
     * comparison, the same second message on its own in a new conversation.
     */
    public DialogueReport dialogues(List<EvalDialogue> dialogues) {
        Map<Language, DialogueReport.Result> results = new EnumMap<>(Language.class);
        for (EvalDialogue d : dialogues) {
            TurnResult first = engine.respond(newConversation(d.language()), d.first(), now);
            TurnResult second = engine.respond(first.state(), d.second(), now);
            TurnResult alone = ask(d.second(), d.language());
            DialogueReport.Result r = results.computeIfAbsent(d.language(), k -> new DialogueReport.Result());
            boolean right = d.expectedIntent().equals(second.intent());
            r.count(right, d.expectedIntent().equals(alone.intent()));
            if (!right) {
                r.misses().add(String.format(Locale.ROOT, "[%s dialogue] %s %s -> %s (first: %s): %s / %s",
                        d.language().code(), d.source(), d.expectedIntent(), second.intent(), first.intent(), d.first(),
                        d.second()));
            }
        }
        return new DialogueReport(results);
    }

    /** Both questions got an answer: the intents of the reply's messages include both. */
    static boolean answersBoth(EvalQuestion q, TurnResult reply) {
        Set<String> answered = new HashSet<>();
        answered.add(reply.intent());
        reply.replies().forEach(m -> answered.add(m.intent()));
        return answered.containsAll(q.intents());
    }

    /** The assistant was unsure and offered both topics to choose from (as quick replies). */
    boolean offersBoth(EvalQuestion q, TurnResult reply) {
        if (!IntentClassifier.FALLBACK.equals(reply.intent())) {
            return false;
        }
        Set<String> offered = new HashSet<>();
        for (Message m : reply.replies()) {
            offered.addAll(m.quickReplies());
        }
        return q.intents().stream().allMatch(i -> offered.contains(faq.title(i, q.language())));
    }

    private ConversationState newConversation(Language language) {
        return ConversationState.start("eval", "eval", "web", language.code(), now);
    }
}
