package kr.daejeon.battery.faq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.TextNormalizer;

/**
 * The curated answers in {@code faq/*.yaml}, validated as a whole when loaded: an office
 * editing a file gets every mistake listed with its file and entry, and a server never starts
 * with an answer that cannot be rendered or an example fact that is not marked.
 */
public final class FaqCatalog {

    public static final String HANDOFF_INTENT = "human_handoff";
    static final List<String> MESSAGE_KEYS = List.of("clarify", "fallback", "offer_handoff", "handoff_started",
            "handoff_waiting", "handoff_still_waiting", "handoff_passed_on", "handoff_passed_on_after_hours", "handoff_reply_time",
            "handoff_reply_time_after_hours", "handoff_cancelled", "handoff_position", "handoff_position_after_hours", "handoff_resolved", "handoff_after_hours", "handoff_claimed", "kakao_staff_delivery", "kakao_taking_longer",
            "kakao_answer_follows", "kakao_try_again", "contact_saved",
            "contact_invalid", "partial_answer", "partial_offer", "check_offer", "offer_declined", "unsure_half");

    private final Map<String, FaqEntry> entries;
    private final Map<String, LocalizedText> messages;
    private final LocalizedText handoffLabel;
    private final List<String> topTopics;
    private final TrainingCalendar trainingCalendar;
    private final Map<String, String> intentByLabel = new HashMap<>();
    private final Map<String, Answer> answers;
    private final Map<String, String> answerByLabel = new HashMap<>();
    private final Map<String, LocalizedText> anchors;
    private final AnswerIndex index;

    private FaqCatalog(Map<String, FaqEntry> entries, Map<String, LocalizedText> messages, LocalizedText handoffLabel,
                       List<String> topTopics, TrainingCalendar trainingCalendar, Map<String, Answer> answers,
                       Map<String, LocalizedText> anchors) {
        this.trainingCalendar = trainingCalendar;
        this.answers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(answers));
        this.anchors = Map.copyOf(anchors);
        for (Answer a : answers.values()) {
            if (!a.isOverview()) {
                answerByLabel.put(TextNormalizer.normalize(a.questionsKo().get(0)), a.id());
                answerByLabel.put(TextNormalizer.normalize(a.questionsEn().get(0)), a.id());
            }
        }
        this.index = AnswerIndex.build(this.answers.values());
        this.entries = Map.copyOf(entries);
        this.messages = Map.copyOf(messages);
        this.handoffLabel = handoffLabel;
        this.topTopics = List.copyOf(topTopics);
        for (FaqEntry e : entries.values()) {
            intentByLabel.put(TextNormalizer.normalize(e.title().ko()), e.intent());
            intentByLabel.put(TextNormalizer.normalize(e.title().en()), e.intent());
        }
        intentByLabel.put(TextNormalizer.normalize(handoffLabel.ko()), HANDOFF_INTENT);
        intentByLabel.put(TextNormalizer.normalize(handoffLabel.en()), HANDOFF_INTENT);
    }

    /** Where the question-level answers live, below the content directory. */
    public static final String QA_DIR = "qa";

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return Files.isRegularFile(p) && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }

    public static FaqCatalog load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("faq directory not found: " + dir.toAbsolutePath());
        }
        Parser parser = new Parser();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(FaqCatalog::isYaml).sorted().toList()) {
                parser.file(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        Path qa = dir.resolve(QA_DIR);
        if (Files.isDirectory(qa)) {
            try (Stream<Path> files = Files.list(qa)) {
                for (Path f : files.filter(FaqCatalog::isYaml).sorted().toList()) {
                    parser.qaFile(f);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + qa, e);
            }
        }
        return parser.build();
    }

    public Optional<FaqEntry> entry(String intent) {
        return Optional.ofNullable(entries.get(intent));
    }

    public Collection<FaqEntry> entries() {
        return entries.values();
    }

    /** The training sessions of {@code training_sessions:} in the content files. */
    public TrainingCalendar trainingCalendar() {
        return trainingCalendar;
    }

    public String message(String key, Language language) {
        return messages.get(key).in(language);
    }

    public String title(String intent, Language language) {
        if (HANDOFF_INTENT.equals(intent)) {
            return handoffLabel.in(language);
        }
        FaqEntry e = entries.get(intent);
        return e == null ? intent : e.title().in(language);
    }

    public String handoffLabel(Language language) {
        return handoffLabel.in(language);
    }

    public List<String> topTopics() {
        return topTopics;
    }

    /** Every answer by id: the question-level answers and each topic's overview (whose id is the topic). */
    public Map<String, Answer> answers() {
        return answers;
    }

    public Optional<Answer> answer(String id) {
        return Optional.ofNullable(answers.get(id));
    }

    /** The ranked retrieval over the answers' question variants. */
    public AnswerIndex index() {
        return index;
    }

    /** How a follow-up names the topic ("선도기업"), or null when its file gives none. */
    public LocalizedText anchor(String topic) {
        return anchors.get(topic);
    }

    /** The label of a quick reply: a topic's title, the handoff label, or an answer's first question. */
    public String label(String intentOrAnswer, Language language) {
        Answer a = answers.get(intentOrAnswer);
        if (a != null && !a.isOverview()) {
            return (language == Language.KO ? a.questionsKo() : a.questionsEn()).get(0);
        }
        return title(intentOrAnswer, language);
    }

    /** The answer whose quick-reply label is exactly this text (a tapped follow-up question). */
    public Optional<Answer> answerForLabel(String text) {
        return Optional.ofNullable(answerByLabel.get(TextNormalizer.normalize(text))).map(answers::get);
    }

    /** The intent whose quick-reply label is exactly this text, so a tapped button is never misread. */
    public Optional<String> intentForLabel(String text) {
        return Optional.ofNullable(intentByLabel.get(TextNormalizer.normalize(text)));
    }

    private static final class Parser {
        private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
        private final Map<String, FaqEntry> entries = new LinkedHashMap<>();
        private final Map<String, LocalizedText> messages = new HashMap<>();
        private final List<String> problems = new ArrayList<>();
        private LocalizedText handoffLabel;
        private List<String> topTopics = List.of();
        private final List<TrainingSession> sessions = new ArrayList<>();
        private final Map<String, Answer> answers = new LinkedHashMap<>();
        private final Map<String, List<String>> entrySources = new HashMap<>();
        private final Map<String, LocalizedText> anchors = new HashMap<>();
        private final Map<String, List<String>[]> overviewQuestions = new HashMap<>();

        /** The file's top-level mapping, or null (with the problem noted) when it is not valid YAML or not a mapping. */
        JsonNode mapping(Path file, String expected) {
            JsonNode root;
            try {
                root = YAML.readTree(file.toFile());
            } catch (IOException e) {
                problems.add(file + ": not valid YAML: " + e.getMessage());
                return null;
            }
            if (root == null || !root.isObject()) {
                problems.add(file + ": must be a mapping with " + expected);
                return null;
            }
            return root;
        }

        /** The named windows and dates under {@code dates:}, each validated. */
        Map<String, DateWindow> dates(String where, JsonNode n) {
            Map<String, DateWindow> dates = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = n.path("dates").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> d = it.next();
                DateWindow w = dateWindow(where, d.getKey(), d.getValue());
                if (w != null) {
                    dates.put(d.getKey(), w);
                }
            }
            return dates;
        }

        void file(Path file) throws IOException {
            JsonNode root = mapping(file, "'entries:'");
            if (root == null) {
                return;
            }
            for (JsonNode node : root.path("entries")) {
                entry(file, node);
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("messages").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> m = it.next();
                messages.put(m.getKey(), localized(file + " messages." + m.getKey(), m.getValue()));
            }
            if (root.has("labels")) {
                handoffLabel = localized(file + " labels.handoff", root.path("labels").path("handoff"));
            }
            for (JsonNode node : root.path("training_sessions")) {
                session(file, node);
            }
            if (root.has("top_topics")) {
                topTopics = strings(root.get("top_topics"));
            }
        }

        void entry(Path file, JsonNode n) {
            String intent = n.path("intent").asText("");
            String where = file.getFileName() + " entry '" + intent + "'";
            if (intent.isBlank()) {
                problems.add(file + ": an entry has no 'intent'");
                return;
            }
            if (entries.containsKey(intent)) {
                problems.add(where + ": intent defined twice");
            }
            String source = n.path("source").asText("");
            List<String> exampleFacts = strings(n.path("example_facts"));
            checkSource(where, source, strings(n.path("sources")), exampleFacts);
            entrySources.put(intent, strings(n.path("sources")));
            Map<String, DateWindow> dates = dates(where, n);
            if (!dates.isEmpty() && source.equals("announcement")) {
                problems.add(where + ": has dates, which the announcement does not give: mark the entry 'source: public' (with sources) or 'example'");
            }
            List<Link> links = links(where, n.path("links"));
            LocalizedText answer = localized(where + " answer", n.path("answer"));
            checkPlaceholders(where, answer, dates);
            entries.put(intent, new FaqEntry(intent, source, localized(where + " title", n.path("title")), answer,
                    strings(n.path("follow_ups")), links, dates, n.path("escalate").asBoolean(false), exampleFacts));
        }

        /**
         * Every fact has a provenance: {@code public} names its sources, {@code example} lists its
         * example facts and shows the marker in both languages, so no example fact reaches a company unmarked.
         */
        void checkSource(String where, String source, List<String> sources, List<String> exampleFacts) {
            switch (source) {
                case "announcement", "public" -> {
                    if (source.equals("public") && sources.isEmpty()) {
                        problems.add(where + ": source is 'public' but 'sources' names none");
                    }
                }
                case "example" -> {
                    if (exampleFacts.isEmpty()) {
                        problems.add(where + ": source is 'example' but 'example_facts' lists no fact to verify");
                    }
                }
                default -> problems.add(where + ": 'source' must be 'announcement', 'public' or 'example'");
            }
        }

        /** A {@code faq/qa/<topic>.yaml} file: the question-level answers under one topic. */
        void qaFile(Path file) {
            JsonNode root = mapping(file, "'topic:' and 'answers:'");
            if (root == null) {
                return;
            }
            String topic = root.path("topic").asText("");
            String where = "qa/" + file.getFileName();
            if (topic.isBlank()) {
                problems.add(where + ": needs 'topic' (an intent id)");
                return;
            }
            if (root.has("anchor")) {
                anchors.put(topic, localized(where + " anchor", root.get("anchor")));
            }
            overviewQuestions.put(topic, new List[] {strings(root.path("overview_questions").path("ko")),
                    strings(root.path("overview_questions").path("en"))});
            for (JsonNode n : root.path("answers")) {
                answer(where, topic, n);
            }
        }

        void answer(String file, String topic, JsonNode n) {
            String id = n.path("id").asText("");
            String where = file + " answer '" + id + "'";
            if (!id.matches("[a-z0-9_]{2,64}")) {
                problems.add(where + ": 'id' must be 2–64 lower-case letters, digits or '_'");
                return;
            }
            if (answers.containsKey(id)) {
                problems.add(where + ": id used twice");
            }
            String source = n.path("source").asText("");
            List<String> sources = strings(n.path("sources"));
            List<String> exampleFacts = strings(n.path("example_facts"));
            checkSource(where, source, sources, exampleFacts);
            List<String> ko = strings(n.path("questions").path("ko"));
            List<String> en = strings(n.path("questions").path("en"));
            if (ko.isEmpty() || en.isEmpty()) {
                problems.add(where + ": needs question variants in both 'ko' and 'en'");
            }
            Map<String, DateWindow> dates = dates(where, n);
            List<Link> links = links(where, n.path("links"));
            LocalizedText answer = localized(where + " answer", n.path("answer"));
            checkPlaceholders(where, answer, dates);
            if (source.equals("example") && (!answer.ko().contains("[예시]") || !answer.en().contains("[Example]"))) {
                problems.add(where + ": example data must carry the marker [예시] (ko) and [Example] (en) in the answer");
            }
            List<String> followUps = strings(n.path("follow_ups"));
            boolean escalate = n.path("escalate").asBoolean(false);
            if (followUps.isEmpty() && links.isEmpty() && !escalate) {
                problems.add(where + ": gives no next step: add follow_ups, a link or escalate");
            }
            FaqEntry entry = new FaqEntry(topic, source, null, answer, followUps, links, dates, escalate, exampleFacts);
            answers.put(id, new Answer(id, topic, sources, ko, en, entry));
        }

        List<Link> links(String where, JsonNode list) {
            List<Link> links = new ArrayList<>();
            for (JsonNode l : list) {
                String url = l.path("url").asText("");
                if (!url.startsWith("https://") && !url.startsWith("mailto:") && !url.startsWith("tel:")) {
                    problems.add(where + ": link url must start with https://, mailto: or tel: (got '" + url + "')");
                }
                links.add(new Link(localized(where + " link label", l.path("label")), url, l.path("example").asBoolean(false)));
            }
            return links;
        }

        void checkPlaceholders(String where, LocalizedText answer, Map<String, DateWindow> dates) {
            for (String text : new String[] {answer.ko(), answer.en()}) {
                Matcher m = AnswerRenderer.PLACEHOLDER.matcher(text);
                while (m.find()) {
                    DateWindow w = dates.get(m.group(2));
                    if (w == null) {
                        problems.add(where + ": placeholder " + m.group() + " names no entry under 'dates'");
                    } else if (m.group(3) != null && !w.isWindow()) {
                        problems.add(where + ": placeholder " + m.group() + " needs opens/closes, but the date has only 'at'");
                    }
                }
            }
        }

        DateWindow dateWindow(String where, String name, JsonNode n) {
            try {
                LocalizedText noun = n.has("noun") ? localized(where + " dates." + name + ".noun", n.get("noun")) : null;
                if (n.has("at")) {
                    return new DateWindow(name, null, OffsetDateTime.parse(n.get("at").asText()), noun);
                }
                OffsetDateTime opens = OffsetDateTime.parse(n.path("opens").asText());
                OffsetDateTime closes = OffsetDateTime.parse(n.path("closes").asText());
                if (!closes.isAfter(opens)) {
                    problems.add(where + ": dates." + name + " closes before it opens");
                }
                return new DateWindow(name, opens, closes, noun);
            } catch (DateTimeParseException e) {
                problems.add(where + ": dates." + name + " needs ISO-8601 times with offset, e.g. 2027-03-15T18:00:00+09:00 ("
                        + e.getParsedString() + ")");
                return null;
            }
        }

        /**
         * A training session: example data ({@code source: example}, the default) until the office confirms it, so it
         * must say which facts; a {@code source: public} session names its {@code sources}.
         */
        void session(Path file, JsonNode n) {
            String id = n.path("id").asText("");
            String where = file.getFileName() + " training session '" + id + "'";
            if (!id.matches("[a-z0-9][a-z0-9-]{0,63}")) {
                problems.add(where + ": 'id' must be lower-case letters, digits and dashes");
                return;
            }
            if (sessions.stream().anyMatch(s -> s.id().equals(id))) {
                problems.add(where + ": id used twice");
            }
            String source = n.path("source").asText("example");
            boolean example = !source.equals("public");
            if (!example && strings(n.path("sources")).isEmpty()) {
                problems.add(where + ": a 'source: public' session must name its 'sources'");
            } else if (!source.equals("example") && example) {
                problems.add(where + ": 'source' must be 'example' or 'public'");
            } else if (example && strings(n.path("example_facts")).isEmpty()) {
                problems.add(where + ": 'example_facts' must list the facts to verify (sessions are not in the announcement)");
            }
            DateWindow course = dateWindow(where, "course", n.path("course_dates"));
            DateWindow signup = dateWindow(where, "signup", n.path("signup"));
            int seats = n.path("seats").asInt(-1);
            int taken = n.path("taken").asInt(0);
            if (seats < 1 || taken < 0 || taken > seats) {
                problems.add(where + ": needs 'seats' ≥ 1 and 0 ≤ 'taken' ≤ seats");
            }
            if (course == null || signup == null || !course.isWindow() || !signup.isWindow()) {
                problems.add(where + ": needs 'course_dates' and 'signup' with 'opens' and 'closes'");
                return;
            }
            if (signup.opens().isAfter(course.opens())) {
                problems.add(where + ": sign-up opens after the course starts");
            }
            LocalizedText noun = signup.noun() != null ? signup.noun() : new LocalizedText("수강 신청", "sign-up");
            sessions.add(new TrainingSession(id, localized(where + " course", n.path("course")),
                    localized(where + " place", n.path("place")), course.opens(), course.closes(), seats, taken,
                    new DateWindow("signup", signup.opens(), signup.closes(), noun), example));
        }

        LocalizedText localized(String where, JsonNode n) {
            String ko = n.path("ko").asText("").strip();
            String en = n.path("en").asText("").strip();
            if (ko.isEmpty() || en.isEmpty()) {
                problems.add(where + ": needs both 'ko' and 'en' text");
            }
            return new LocalizedText(ko, en);
        }

        static List<String> strings(JsonNode n) {
            List<String> out = new ArrayList<>();
            n.forEach(item -> out.add(item.asText()));
            return out;
        }

        FaqCatalog build() {
            for (String key : MESSAGE_KEYS) {
                if (!messages.containsKey(key)) {
                    problems.add("messages." + key + " is missing (needed by the conversation engine)");
                }
            }
            if (handoffLabel == null) {
                problems.add("labels.handoff is missing");
            }
            for (FaqEntry e : entries.values()) {
                for (String f : e.followUps()) {
                    if (!entries.containsKey(f) && !answers.containsKey(f) && !HANDOFF_INTENT.equals(f)) {
                        problems.add(e.intent() + ": follow_up '" + f + "' has no FAQ entry");
                    }
                }
            }
            Map<String, Answer> all = new LinkedHashMap<>();
            for (FaqEntry e : entries.values()) {
                List<String>[] q = overviewQuestions.get(e.intent());
                // A topic's overview is an answer too, found by its generic questions ("선도기업이 뭐예요?").
                all.put(e.intent(), new Answer(e.intent(), e.intent(), entrySources.getOrDefault(e.intent(), List.of()), q == null ? List.of() : q[0],
                        q == null ? List.of() : q[1], e));
            }
            for (Answer a : answers.values()) {
                FaqEntry topic = entries.get(a.topic());
                if (topic == null) {
                    problems.add("qa answer '" + a.id() + "': topic '" + a.topic() + "' has no FAQ entry");
                    continue;
                }
                if (entries.containsKey(a.id())) {
                    problems.add("qa answer '" + a.id() + "': id is an intent id; choose another");
                }
                for (String f : a.entry().followUps()) {
                    if (!entries.containsKey(f) && !answers.containsKey(f) && !HANDOFF_INTENT.equals(f)) {
                        problems.add("qa answer '" + a.id() + "': follow_up '" + f + "' is neither an answer id nor an intent");
                    }
                }
                FaqEntry e = a.entry();
                all.put(a.id(), new Answer(a.id(), a.topic(), a.sources(), a.questionsKo(), a.questionsEn(),
                        new FaqEntry(a.topic(), e.source(), topic.title(), e.answer(), e.followUps(), e.links(), e.dates(),
                                e.escalate(), e.exampleFacts())));
            }
            for (String topic : overviewQuestions.keySet()) {
                if (!entries.containsKey(topic)) {
                    problems.add("qa file for topic '" + topic + "': no FAQ entry has that intent");
                }
            }
            for (String t : topTopics) {
                if (!entries.containsKey(t)) {
                    problems.add("top_topics: '" + t + "' has no FAQ entry");
                }
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException("FAQ content has problems:\n  - " + String.join("\n  - ", problems));
            }
            return new FaqCatalog(entries, messages, handoffLabel, topTopics, new TrainingCalendar(sessions), all, anchors);
        }
    }
}
