package kr.daejeon.battery.eligibility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.faq.LocalizedText;

/**
 * The eligibility pre-check as the program office writes it in {@code faq/eligibility.yaml}:
 * questions with answer options (quick-reply labels and words that recognise them in free text),
 * and per track the clauses a company must meet, each with the text shown to the company.
 * Validated as a whole when loaded.
 */
public record EligibilityRules(List<Question> questions, List<Track> tracks, Map<String, LocalizedText> messages,
                               LocalizedText startLabel, LocalizedText cancelLabel, LocalizedText restartLabel) {

    public record Option(String value, LocalizedText label, List<String> match) {
    }

    /** @param numeric answers are numbers (the options are ranges' representative values); {@code foundingYear}: "2019" means years since */
    public record Question(String id, LocalizedText ask, List<Option> options, boolean numeric, boolean foundingYear,
                           List<String> units) {
    }

    /** One condition: the answer is one of {@code in}, or a number within {@code min}..{@code max}. */
    public record Clause(String question, List<String> in, Integer min, Integer max, LocalizedText text) {

        public boolean passes(String answer) {
            if (answer == null) {
                return false;
            }
            if (in != null && !in.isEmpty()) {
                return in.contains(answer);
            }
            try {
                int v = Integer.parseInt(answer);
                return (min == null || v >= min) && (max == null || v <= max);
            } catch (NumberFormatException e) {
                return false;
            }
        }
    }

    public record Track(String id, LocalizedText name, List<Clause> clauses) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final List<String> MESSAGES = List.of("intro", "not_understood", "cancelled", "result_title", "fits",
            "does_not_fit", "neither", "disclaimer");

    public String message(String key, kr.daejeon.battery.nlu.Language language) {
        return messages.get(key).in(language);
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
            problems.add("example_facts must list what the office has to verify (the rules are not in the announcement)");
        }
        Map<String, LocalizedText> messages = new LinkedHashMap<>();
        for (String key : MESSAGES) {
            messages.put(key, text(root.path("messages").path(key), "messages." + key, problems));
        }
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
            List<Clause> clauses = new ArrayList<>();
            for (JsonNode c : t.path("clauses")) {
                String question = c.path("question").asText("");
                if (questions.stream().noneMatch(q -> q.id().equals(question))) {
                    problems.add("track '" + t.path("id").asText() + "': clause on unknown question '" + question + "'");
                }
                List<String> in = new ArrayList<>();
                c.path("in").forEach(v -> in.add(v.asText()));
                Integer min = c.has("min") ? c.get("min").asInt() : null;
                Integer max = c.has("max") ? c.get("max").asInt() : null;
                if (in.isEmpty() && min == null && max == null) {
                    problems.add("track '" + t.path("id").asText() + "': a clause on '" + question + "' needs in, min or max");
                }
                clauses.add(new Clause(question, in, min, max, text(c.path("text"), "clause text", problems)));
            }
            tracks.add(new Track(t.path("id").asText(""), text(t.path("name"), "track name", problems), clauses));
        }
        if (questions.isEmpty() || tracks.isEmpty()) {
            problems.add("needs questions and tracks");
        }
        JsonNode labels = root.path("labels");
        EligibilityRules rules = new EligibilityRules(questions, tracks, messages, text(labels.path("start"), "labels.start", problems),
                text(labels.path("cancel"), "labels.cancel", problems), text(labels.path("restart"), "labels.restart", problems));
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + " has problems:\n  - " + String.join("\n  - ", problems));
        }
        return rules;
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
