package kr.daejeon.battery.nlu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.eval.EvaluationReport;
import kr.daejeon.battery.eval.IntentEvaluation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IntentClassifierTest {

    static IntentCorpus corpus;
    static IntentClassifier classifier;

    @BeforeAll
    static void train() {
        corpus = IntentCorpus.load(Path.of("intents"));
        classifier = IntentClassifier.train(corpus.utterances(), AppConfig.load(List.of(), Map.of()).classifierSettings());
    }

    @Test
    void anyTextGetsAResult() {
        List<String> odd = List.of("", " ", "가".repeat(10_000), "x".repeat(10_000), "\u0000\u0001\u001f", "😀😀😀",
                "\uD800", "١٢٣", "!!!???", "null", "<img src=x onerror=alert(1)>");
        for (String text : odd) {
            Classification c = classifier.classify(text);
            assertNotNull(c.intent(), text);
            assertTrue(c.confidence() >= 0 && c.confidence() <= 1, text);
        }
        assertEquals(IntentClassifier.FALLBACK, classifier.classify("").intent());
        assertEquals(IntentClassifier.FALLBACK, classifier.classify("😀😀").intent());
    }

    @Test
    void rankingIsSortedAndExcludesFallback() {
        Classification c = classifier.classify("교육 일정 알려주세요");
        assertEquals("training_schedule", c.intent());
        assertEquals(3, c.ranking().size());
        assertTrue(c.ranking().get(0).probability() >= c.ranking().get(1).probability());
        assertTrue(c.ranking().stream().noneMatch(s -> s.intent().equals(IntentClassifier.FALLBACK)));
    }

    @Test
    void koreanParticlesAndSpacingDoNotMatter() {
        for (String text : List.of("지원자격은?", "지원 자격이 뭐예요", "지원자격알려줘", "신청자격 요건")) {
            assertEquals("eligibility", classifier.classify(text).intent(), text);
        }
    }

    @Test
    void savedModelGivesTheSameAnswers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("model.bin");
        classifier.save(file);
        IntentClassifier loaded = IntentClassifier.load(file, classifier.threshold());
        for (LabeledUtterance u : corpus.utterances().subList(0, 200)) {
            Classification a = classifier.classify(u.text());
            Classification b = loaded.classify(u.text());
            assertEquals(a.intent(), b.intent(), u.text());
            assertEquals(a.confidence(), b.confidence(), 1e-9);
        }
    }

    @Test
    void noriFeatureModelRoundTripsThroughAFile(@TempDir Path dir) throws Exception {
        ClassifierSettings nori = AppConfig.load(List.of(), Map.of()).classifierSettings()
                .withFeatures(ClassifierSettings.NGRAMS_NORI);
        IntentClassifier trained = IntentClassifier.train(corpus.utterances(), nori);
        assertEquals("eligibility", trained.classify("지원자격은 어떻게 되나요").intent());
        Path file = dir.resolve("nori.bin");
        trained.save(file);
        IntentClassifier loaded = IntentClassifier.load(file, trained.threshold());
        for (String text : List.of("지원자격은 어떻게 되나요", "교육일정", "When is the deadline?")) {
            assertEquals(trained.classify(text).confidence(), loaded.classify(text).confidence(), 1e-9, text);
        }
    }

    @Test
    void concurrentClassificationMatchesSequential() throws Exception {
        List<LabeledUtterance> sample = corpus.utterances();
        List<String> expected = sample.stream().map(u -> classifier.classify(u.text()).intent()).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> runs = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                runs.add(pool.submit(() -> sample.stream().map(u -> classifier.classify(u.text()).intent()).toList()));
            }
            for (Future<List<String>> r : runs) {
                assertEquals(expected, r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Regression floor on the held-out set (src/test/resources/heldout, never trained on).
     * The floors sit a little under what we measure (see docs/evaluation.md), so a content or feature
     * change that hurts understanding fails the build.
     */
    @ParameterizedTest
    @ValueSource(strings = {"src/test/resources/heldout", "src/test/resources/heldout-blind"})
    void heldOutQualityFloor(String dir) {
        IntentCorpus heldOut = IntentCorpus.load(Path.of(dir));
        Map<Language, EvaluationReport> reports = IntentEvaluation.evaluate(classifier, heldOut.utterances());
        for (Map.Entry<Language, EvaluationReport> e : reports.entrySet()) {
            EvaluationReport r = e.getValue();
            assertTrue(r.inScopeAccuracy() >= 0.93, e.getKey() + " " + r.summaryLine());
            assertTrue(r.outOfScopeRecall() >= 0.88, e.getKey() + " " + r.summaryLine());
            assertTrue(r.falseFallbackRate() <= 0.04, e.getKey() + " " + r.summaryLine());
        }
    }
}
