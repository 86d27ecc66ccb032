package kr.daejeon.battery.eval.encoder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.nlu.Classification;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.LabeledUtterance;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sentence encoder (the real all-MiniLM-L6-v2 model file, in ONNX Runtime) and the maximum-entropy
 * model over its vectors: paraphrases that share no word with the training data are understood.
 */
class EnsembleClassifierTest {

    static final Map<String, List<String>> TRAINING = Map.of(
            "weather", List.of("what is the weather like today", "will it rain this afternoon", "how hot is it outside",
                    "is it going to be sunny tomorrow", "what's the forecast for the weekend", "is it snowing in the city"),
            "balance", List.of("what is my account balance", "how much money do i have in checking",
                    "tell me the balance of my savings", "how much is left in my bank account", "check my balance please",
                    "what's the amount in my account"),
            "alarm", List.of("set an alarm for 7 am", "wake me up at six tomorrow", "create an alarm for noon",
                    "i need an alarm at 5:30", "please set my alarm for 8 in the morning", "alarm for half past nine"),
            IntentClassifier.FALLBACK, List.of("who won the football game", "tell me a joke", "what is the capital of peru",
                    "how do i cook pasta", "play some jazz music", "translate hello into french"));

    /** No word of these is in the training sentences of their intent. */
    static final Map<String, String> PARAPHRASES = Map.of(
            "do i need an umbrella", "weather",
            "should i bring a coat", "weather",
            "what are my funds", "balance",
            "rouse me at dawn", "alarm",
            "ring me awake at 6", "alarm");

    static SentenceEncoder encoder;
    static List<LabeledUtterance> examples = new ArrayList<>();
    static EnsembleClassifier ensemble;

    @BeforeAll
    static void train() {
        encoder = SentenceEncoder.miniLm();
        TRAINING.forEach((intent, texts) -> texts.forEach(t -> examples.add(new LabeledUtterance(t, intent, Language.EN))));
        List<float[]> vectors = encoder.encodeAll(examples.stream().map(LabeledUtterance::text).toList());
        IntentClassifier sparse = IntentClassifier.train(examples, ClassifierSettings.defaults());
        EmbeddingIntentModel dense = EmbeddingIntentModel.train(examples, vectors, 0.05, 100);
        ensemble = new EnsembleClassifier(sparse, dense, 0.7);
    }

    @Test
    void vectorsAreUnitLengthAndCloserForParaphrases() {
        float[] a = encoder.encode("what is my account balance");
        float[] b = encoder.encode("how much money do I have");
        float[] c = encoder.encode("set an alarm for seven");
        assertEquals(SentenceEncoder.DIMENSIONS, a.length);
        assertEquals(1.0, Math.sqrt(dot(a, a)), 1e-3);
        assertTrue(dot(a, b) > dot(a, c) + 0.2, "paraphrase " + dot(a, b) + " vs unrelated " + dot(a, c));
        assertEquals(0.0, dot(encoder.encode("  "), encoder.encode("  ")), "blank text is the zero vector");
        List<float[]> batch = encoder.encodeAll(List.of("set an alarm for seven", ""));
        assertEquals(1.0, dot(batch.get(0), c), 1e-4, "a batch gives the same vectors");
        assertEquals(0.0, dot(batch.get(1), batch.get(1)));
    }

    @Test
    void paraphrasesWithoutSharedWordsAreUnderstood() {
        EnsembleClassifier vectorsOnly = ensemble.withDenseWeight(1.0);
        PARAPHRASES.forEach((text, intent) -> {
            float[] v = encoder.encode(text);
            assertEquals(intent, vectorsOnly.classify(text, v, 0.0).intent(), text);
            assertEquals(intent, ensemble.classify(text, v, 0.0).intent(), text);
        });
    }

    @Test
    void theVectorsAddWhatTheNgramsMiss() {
        EnsembleClassifier ngramsOnly = ensemble.withDenseWeight(0.0);
        long ngramHits = PARAPHRASES.entrySet().stream()
                .filter(e -> ngramsOnly.classify(e.getKey(), encoder.encode(e.getKey()), 0.0).intent().equals(e.getValue()))
                .count();
        assertTrue(ngramHits < PARAPHRASES.size(), "the n-gram model alone gets " + ngramHits + " of " + PARAPHRASES.size());
    }

    @Test
    void anyTextGetsAResult() {
        for (String text : List.of("", "😀😀", "x".repeat(10_000), "\u0000\u0001")) {
            Classification c = ensemble.classify(text, encoder.encode(text), 0.5);
            assertTrue(c.confidence() >= 0 && c.confidence() <= 1, text);
        }
        assertEquals(IntentClassifier.FALLBACK, ensemble.classify("", encoder.encode(""), 0.0).intent());
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
