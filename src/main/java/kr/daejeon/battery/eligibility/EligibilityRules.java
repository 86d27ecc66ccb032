package kr.daejeon.battery.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.faq.LocalizedText;
import kr.daejeon.battery.nlu.Language;

/**
 * The eligibility pre-check as the program office writes it in {@code faq/eligibility.yaml}:
 * questions with answer options (quick-reply labels and words that recognise them in free text),
 * and per track the public rules a company must meet, each with the text shown to the company and
 * its source, plus the leading track's growth requirements ("at least 2 of"). Validated as a whole
 * when loaded.
 */
public record EligibilityRules(List<Question> questions, List<Track> tracks, Map<String, LocalizedText> messages,
                               LocalizedText startLabel, LocalizedText cancelLabel, LocalizedText restartLabel,
                               LocalizedText yesLabel, LocalizedText noLabel, Map<String, LocalizedText> sources,
                               Map<String, String> ruleAnswers) {

    public record Option(String value, LocalizedText label, List<String> match) {
    }

    /** @param numeric answers are numbers (the options are ranges' representative values); {@code foundingYear}: "2019" means years since */
    public record Question(String id, LocalizedText ask, List<Option> options, boolean numeric, boolean foundingYear,
                           List<String> units) {
    }

    /**
     * One rule: the answer is one of {@code in} (an answer "hq+plant" names several sites: one is enough),
     * or a number within {@code min}..{@code max}. Answers in {@code askOffice} are for the office to
     * judge; answers in {@code onlyIf} pass only under the condition given (the relocation clause).
     *
     * @param question the question it is about; empty for a requirement the check does not ask (always open)
     * @param source the key of its source in the rules' sources, or null
     */
    public record Clause(String question, List<String> in, Integer min, Integer max, LocalizedText text, List<String> askOffice,
                         LocalizedText askOfficeWhy, Map<String, LocalizedText> onlyIf, String source) {

        public Clause {
            in = in == null ? List.of() : List.copyOf(in);
            askOffice = askOffice == null ? List.of() : List.copyOf(askOffice);
            onlyIf = onlyIf == null ? Map.of() : Map.copyOf(onlyIf);
        }

        public Clause(String question, List<String> in, Integer min, Integer max, LocalizedText text) {
            this(question, in, min, max, text, List.of(), null, Map.of(), null);
        }

        /** Why the office decides an answer listed in {@code askOffice} ("재활용은 공고의 분야 목록에 없어요"); null when not said. */
        public LocalizedText whyAsk(String answer) {
            return answer != null && askOffice.contains(answer) ? askOfficeWhy : null;
        }

        public boolean passes(String answer) {
            return verdict(answer) == Verdict.PASS;
        }

        public Verdict verdict(String answer) {
            if (answer == null || answer.equals("unknown") || question == null || question.isEmpty()) {
                return Verdict.ASK;
            }
            if (onlyIf.containsKey(answer)) {
                return Verdict.ONLY_IF;
            }
            if (askOffice.contains(answer)) {
                return Verdict.ASK;
            }
            if (!in.isEmpty()) {
                for (String part : answer.split("\\+")) {
                    if (in.contains(part)) {
                        return Verdict.PASS;
                    }
                }
                return Verdict.FAIL;
            }
            try {
                int v = Integer.parseInt(answer);
                return (min == null || v >= min) && (max == null || v <= max) ? Verdict.PASS : Verdict.FAIL;
            } catch (NumberFormatException e) {
                return Verdict.ASK;
            }
        }
    }

    /**
     * "At least {@code minMet} of these": met if enough pass, open if the unknown ones could make up the rest.
     *
     * @param exampleThresholds the thresholds are example data, not the call's: the answers are compared with
     *                          them for the company's information, but only the office can say met or not, so the
     *                          verdict is always {@link Verdict#ASK}
     */
    public record Growth(int minMet, LocalizedText text, String source, List<Clause> requirements, boolean exampleThresholds) {

        public Verdict verdict(Map<String, String> answers) {
            return exampleThresholds ? Verdict.ASK : againstThresholds(answers);
        }

        /** The verdict if the thresholds were the call's own. */
        public Verdict againstThresholds(Map<String, String> answers) {
            int met = 0;
            int open = 0;
            for (Clause r : requirements) {
                Verdict v = r.verdict(r.question().isEmpty() ? null : answers.get(r.question()));
                met += v == Verdict.PASS ? 1 : 0;
                open += v == Verdict.ASK ? 1 : 0;
            }
            return met >= minMet ? Verdict.PASS : met + open >= minMet ? Verdict.ASK : Verdict.FAIL;
        }
    }

    /** @param growth null when the track has no growth requirements */
    public record Track(String id, LocalizedText name, List<Clause> clauses, Growth growth) {

        public Track(String id, LocalizedText name, List<Clause> clauses) {
            this(id, name, clauses, null);
        }

        public Outcome outcome(Map<String, String> answers) {
            List<Verdict> verdicts = new ArrayList<>();
            clauses.forEach(c -> verdicts.add(c.verdict(answers.get(c.question()))));
            if (growth != null) {
                verdicts.add(growth.verdict(answers));
            }
            return Outcome.of(verdicts);
        }

        /** True once an answer given fails a rule: the rest of the questions cannot change the outcome. */
        public boolean failedAlready(Map<String, String> answers) {
            if (clauses.stream().anyMatch(c -> answers.containsKey(c.question()) && c.verdict(answers.get(c.question())) == Verdict.FAIL)) {
                return true;
            }
            return growth != null && growth.requirements().stream().map(Clause::question).filter(q -> !q.isEmpty()).allMatch(answers::containsKey)
                    && growth.verdict(answers) == Verdict.FAIL;
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> MESSAGES = List.of("intro", "not_understood", "ambiguous_district", "echo", "known", "founded", "yes_or_no", "left_open",
            "resume", "cancelled", "result_title", "example_thresholds", "relocation_hint", "person_offer", "fits", "only_if", "ask_office", "does_not_fit", "neither", "disclaimer");

    public String message(String key, Language language) {
        return messages.get(key).in(language);
    }

    public Question question(String id) {
        return questions.stream().filter(q -> q.id().equals(id)).findFirst().orElse(null);
    }

    public static EligibilityRules load(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile()).path("eligibility_check");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        if (root.path("example_facts").isEmpty()) {
            problems.add("example_facts must list what the office has to verify (the thresholds are not public)");
        }
        Map<String, LocalizedText> messages = new LinkedHashMap<>();
        for (String key : MESSAGES) {
            messages.put(key, text(root.path("messages").path(key), "messages." + key, problems));
        }
        Map<String, LocalizedText> sources = new LinkedHashMap<>();
        root.path("sources").properties().forEach(e -> sources.put(e.getKey(), text(e.getValue(), "sources." + e.getKey(), problems)));
        List<Question> questions = new ArrayList<>();
        for (JsonNode q : root.path("questions")) {
            String id = q.path("id").asText("");
            List<Option> options = new ArrayList<>();
            for (JsonNode o : q.path("options")) {
                List<String> match = new ArrayList<>();
                o.path("match").forEach(m -> match.add(m.asText().toLowerCase(java.util.Locale.ROOT)));
                options.add(new Option(o.path("value").asText(""), text(o.path("label"), id + " option", problems), match));
            }
            JsonNode number = q.path("number");
            List<String> units = new ArrayList<>();
            number.path("unit_ko").forEach(u -> units.add(u.asText()));
            number.path("unit_en").forEach(u -> units.add(u.asText()));
            if (id.isEmpty() || options.isEmpty()) {
                problems.add("question '" + id + "' needs an id and options");
            }
            questions.add(new Question(id, text(q.path("ask"), id + ".ask", problems), options, !number.isMissingNode(),
                    number.path("founding_year").asBoolean(false), units));
        }
        List<Track> tracks = new ArrayList<>();
        for (JsonNode t : root.path("tracks")) {
            String trackId = t.path("id").asText("");
            List<Clause> clauses = new ArrayList<>();
            for (JsonNode c : t.path("clauses")) {
                clauses.add(clause(c, trackId, questions, sources, false, problems));
            }
            JsonNode g = t.path("growth");
            Growth growth = g.isMissingNode() ? null : growth(g, trackId, questions, sources, problems);
            tracks.add(new Track(trackId, text(t.path("name"), "track name", problems), clauses, growth));
        }
        if (questions.isEmpty() || tracks.isEmpty()) {
            problems.add("needs questions and tracks");
        }
        JsonNode labels = root.path("labels");
        EligibilityRules rules = new EligibilityRules(questions, tracks, messages, text(labels.path("start"), "labels.start", problems),
                text(labels.path("cancel"), "labels.cancel", problems), text(labels.path("restart"), "labels.restart", problems),
                text(labels.path("yes"), "labels.yes", problems), text(labels.path("no"), "labels.no", problems), sources,
                ruleAnswers(root.path("rule_answers"), problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + " has problems:\n  - " + String.join("\n  - ", problems));
        }
        return rules;
    }

    private static Map<String, String> ruleAnswers(JsonNode n, List<String> problems) {
        Map<String, String> out = new LinkedHashMap<>();
        n.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        for (String fact : DecidingFact.FACTS) {
            if (!out.containsKey(fact)) {
                problems.add("rule_answers." + fact + ": needs the id of the answer that explains that rule");
            }
        }
        return Map.copyOf(out);
    }

    private static Growth growth(JsonNode g, String trackId, List<Question> questions, Map<String, LocalizedText> sources,
                                 List<String> problems) {
        List<Clause> requirements = new ArrayList<>();
        g.path("requirements").forEach(r -> requirements.add(clause(r, trackId, questions, sources, true, problems)));
        int minMet = g.path("min_met").asInt(0);
        if (minMet < 1 || minMet > requirements.size()) {
            problems.add("track '" + trackId + "': growth.min_met must be between 1 and the number of requirements");
        }
        // The flag decides whether a company is told "may fit", so it must agree with what the texts say they are.
        boolean example = g.path("example_thresholds").asBoolean(false);
        List<Clause> asked = requirements.stream().filter(r -> !r.question().isEmpty()).toList();
        long marked = asked.stream().filter(r -> isExample(r.text())).count();
        if (example && marked < asked.size()) {
            problems.add("track '" + trackId + "': growth.example_thresholds is true, so every asked requirement's text must be marked [예시]/[Example]");
        }
        if (!example && marked > 0) {
            problems.add("track '" + trackId + "': growth requirements are marked [예시]/[Example] but growth.example_thresholds is not true");
        }
        return new Growth(minMet, text(g.path("text"), "growth text", problems), source(g, trackId, sources, problems), requirements,
                example);
    }

    private static boolean isExample(LocalizedText t) {
        return t.ko().contains("[예시]") && t.en().contains("[Example]");
    }

    private static Clause clause(JsonNode c, String trackId, List<Question> questions, Map<String, LocalizedText> sources,
                                 boolean unaskedAllowed, List<String> problems) {
        String question = c.path("question").asText("");
        boolean unasked = question.isEmpty() && unaskedAllowed;
        if (!unasked && questions.stream().noneMatch(q -> q.id().equals(question))) {
            problems.add("track '" + trackId + "': clause on unknown question '" + question + "'");
        }
        List<String> in = new ArrayList<>();
        c.path("in").forEach(v -> in.add(v.asText()));
        List<String> askOffice = new ArrayList<>();
        c.path("ask_office").forEach(v -> askOffice.add(v.asText()));
        Map<String, LocalizedText> onlyIf = new LinkedHashMap<>();
        c.path("only_if").properties().forEach(e -> onlyIf.put(e.getKey(), text(e.getValue(), "only_if." + e.getKey(), problems)));
        Integer min = c.has("min") ? c.get("min").asInt() : null;
        Integer max = c.has("max") ? c.get("max").asInt() : null;
        if (!unasked && in.isEmpty() && min == null && max == null) {
            problems.add("track '" + trackId + "': a clause on '" + question + "' needs in, min or max");
        }
        LocalizedText why = c.has("ask_office_why") ? text(c.path("ask_office_why"), "ask_office_why", problems) : null;
        return new Clause(question, in, min, max, text(c.path("text"), "clause text", problems), askOffice, why, onlyIf,
                source(c, trackId, sources, problems));
    }

    private static String source(JsonNode n, String trackId, Map<String, LocalizedText> sources, List<String> problems) {
        if (!n.has("source")) {
            return null;
        }
        String key = n.get("source").asText();
        if (!sources.containsKey(key)) {
            problems.add("track '" + trackId + "': unknown source '" + key + "'");
        }
        return key;
    }

    private static LocalizedText text(JsonNode n, String where, List<String> problems) {
        String ko = n.path("ko").asText("").strip();
        String en = n.path("en").asText("").strip();
        if (ko.isEmpty() || en.isEmpty()) {
            problems.add(where + ": needs both 'ko' and 'en'");
        }
        return new LocalizedText(ko, en);
    }
}
