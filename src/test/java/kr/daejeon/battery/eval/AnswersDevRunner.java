package kr.daejeon.battery.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Answer choice on the development set ({@code eval-dev/}, tuned on): prints the accuracy per language
 * and every miss. A local tool for changes to entries and retrieval, not a gate: it runs only with
 * {@code -Ddev.answers=true}, so the build does not train the classifier once more for it.
 */
class AnswersDevRunner {

    static final Path DEV = Path.of("src/test/resources/eval-dev");

    @Test
    void printAnswerAccuracyOnTheDevelopmentSet() throws java.io.IOException {
        Assumptions.assumeTrue(Boolean.getBoolean("dev.answers"), "set -Ddev.answers=true to run");
        IntentClassifier classifier = IntentClassifier.train(IntentCorpus.load(Path.of("intents")).utterances(),
                AppConfig.load(List.of(), Map.of()).classifierSettings());
        EngineEvaluation eval = EngineEvaluation.of(classifier, Path.of("faq"));
        List<String> misses = new ArrayList<>();
        Map<Language, int[]> r = eval.answers(DEV.resolve("answers-dev.tsv"), DEV.resolve("answer-labels-dev.tsv"), misses);
        misses.forEach(m -> System.out.println("MISS " + m));
        if (Boolean.getBoolean("dev.explain")) {
            kr.daejeon.battery.faq.FaqCatalog faq = kr.daejeon.battery.content.Content.load(Path.of("faq"),
                    java.time.ZoneId.of("Asia/Seoul"), classifier.intents()).faq();
            List<String> topics = faq.entries().stream().map(kr.daejeon.battery.faq.FaqEntry::intent).toList();
            for (String m : misses) {
                String q = m.substring(m.indexOf(": ", m.lastIndexOf(" (")) + 2, m.length() - 1);
                System.out.println("WHY " + q + " :: " + classifier.classify(q).ranking().stream().limit(3)
                        .map(s -> s.intent() + String.format(Locale.ROOT, "=%.2f", s.probability())).toList());
                faq.index().rank(q, topics, 4).forEach(x -> System.out.printf(Locale.ROOT, "     %.3f %s/%s via %s%n",
                        x.similarity(), x.answer().topic(), x.answer().id(), x.variant()));
            }
        }
        System.out.printf(Locale.ROOT, "DEV reply intent = labelled topic: %d of 236%n", intentsRight(eval));
        r.forEach((l, c) -> System.out.printf(Locale.ROOT, "DEV answers %s: %d of %d right (%.1f%%)%n", l.code(), c[0], c[1],
                100.0 * c[0] / c[1]));
    }

    static int intentsRight(EngineEvaluation eval) throws java.io.IOException {
        int right = 0;
        for (String line : java.nio.file.Files.readAllLines(DEV.resolve("answers-dev.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] p = line.split("\t");
                right += eval.ask(p[3], Language.fromCode(p[1])).intent().equals(p[0]) ? 1 : 0;
            }
        }
        return right;
    }
}
