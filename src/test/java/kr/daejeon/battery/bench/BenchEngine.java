package kr.daejeon.battery.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.content.Content;
import kr.daejeon.battery.conversation.ConversationEngine;
import kr.daejeon.battery.escalation.BusinessHours;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.LiveClassifier;

/** The service's engine over intents/ and faq/ with the default settings, for the benchmarks (as EngineEvaluation builds it). */
final class BenchEngine {

    private static final Pattern QUOTED = Pattern.compile("^\\s+-\\s+\"(.*)\"\\s*$");

    private BenchEngine() {
    }

    static ConversationEngine build() {
        Map<String, String> d = AppConfig.DEFAULTS;
        ZoneId zone = ZoneId.of(d.get("time_zone"));
        IntentClassifier classifier = IntentClassifier.train(IntentCorpus.load(Path.of("intents")).utterances(),
                AppConfig.load(List.of(), Map.of()).classifierSettings());
        Content content = Content.load(Path.of("faq"), zone, classifier.intents());
        return new ConversationEngine(new LiveClassifier(classifier), () -> content,
                Double.parseDouble(d.get("clarify_threshold")), Integer.parseInt(d.get("misses_before_handoff")),
                BusinessHours.parse(d.get("business_hours"), d.get("holidays"), zone),
                Integer.parseInt(d.get("expected_minutes_per_ticket")));
    }

    /** The held-out questions (not training data; the bench's questions too), every topic but requests for a person. */
    static List<String> heldOutQuestions() throws IOException {
        List<String> out = new ArrayList<>();
        try (var files = Files.list(Path.of("src/test/resources/heldout"))) {
            for (Path f : files.sorted().toList()) {
                if (f.getFileName().toString().equals("human_handoff.yaml")) {
                    continue;
                }
                for (String line : Files.readAllLines(f)) {
                    Matcher m = QUOTED.matcher(line);
                    if (m.matches()) {
                        out.add(m.group(1).replace("\\\"", "\""));
                    }
                }
            }
        }
        return out;
    }
}
