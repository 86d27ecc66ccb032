package kr.daejeon.battery.eval.encoder;

import java.util.List;
import kr.daejeon.battery.nlu.Classification;
import kr.daejeon.battery.nlu.IntentClassifier;

/**
 * Two maximum-entropy models voting: the sparse n-gram model ({@link IntentClassifier}) and the
 * sentence-vector model ({@link EmbeddingIntentModel}), combined as a weighted geometric mean of
 * their distributions (a product of experts), then decided as the sparse model alone would be.
 * The n-grams know the exact wordings of the training data; the vectors know paraphrases.
 *
 * <p>Immutable and thread-safe.
 */
public final class EnsembleClassifier {

    private final IntentClassifier sparse;
    private final EmbeddingIntentModel dense;
    private final double denseWeight;
    private final String[] outcomes;
    private final int[] denseIndex;

    /** {@code denseWeight} 0 is the sparse model alone, 1 the vector model alone. */
    public EnsembleClassifier(IntentClassifier sparse, EmbeddingIntentModel dense, double denseWeight) {
        if (denseWeight < 0 || denseWeight > 1) {
            throw new IllegalArgumentException("denseWeight must be within [0, 1]");
        }
        this.sparse = sparse;
        this.dense = dense;
        this.denseWeight = denseWeight;
        this.outcomes = sparse.intents().toArray(new String[0]);
        List<String> denseOutcomes = dense.outcomes();
        this.denseIndex = new int[outcomes.length];
        for (int i = 0; i < outcomes.length; i++) {
            denseIndex[i] = denseOutcomes.indexOf(outcomes[i]);
            if (denseIndex[i] < 0) {
                throw new IllegalArgumentException("the vector model was trained without intent " + outcomes[i]);
            }
        }
    }

    public EnsembleClassifier withDenseWeight(double weight) {
        return new EnsembleClassifier(sparse, dense, weight);
    }

    public double denseWeight() {
        return denseWeight;
    }

    /** {@code vector} is the text's sentence vector ({@link SentenceEncoder#encode}). Never throws. */
    public Classification classify(String text, float[] vector, double minConfidence) {
        double[] ps = sparse.probabilities(text);
        if (ps == null) {
            return new Classification(IntentClassifier.FALLBACK, 1.0, List.of());
        }
        double[] pd = dense.probabilities(vector);
        double[] combined = new double[outcomes.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < outcomes.length; i++) {
            combined[i] = (1 - denseWeight) * Math.log(Math.max(ps[i], 1e-300))
                    + denseWeight * Math.log(Math.max(pd[denseIndex[i]], 1e-300));
            max = Math.max(max, combined[i]);
        }
        double sum = 0;
        for (int i = 0; i < combined.length; i++) {
            combined[i] = Math.exp(combined[i] - max);
            sum += combined[i];
        }
        for (int i = 0; i < combined.length; i++) {
            combined[i] /= sum;
        }
        return IntentClassifier.decide(outcomes, combined, minConfidence);
    }
}
