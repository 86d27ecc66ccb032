package kr.daejeon.battery.nlu;

/**
 * How the intent model is trained and when it gives up.
 *
 * @param algorithm  OpenNLP trainer: {@code MAXENT} (GIS) or {@code MAXENT_QN} (L-BFGS with L2)
 * @param iterations training iterations
 * @param cutoff     minimum count for a feature to be kept
 * @param l2Cost     L2 regularisation for MAXENT_QN
 * @param threshold  below this top probability the answer is {@code fallback}
 * @param features   {@code ngrams} (words and character n-grams) or {@code ngrams+nori} (plus Nori morphemes)
 */
public record ClassifierSettings(String algorithm, int iterations, int cutoff, double l2Cost, double threshold,
                                 String features) {

    public static final String NGRAMS = "ngrams";
    public static final String NGRAMS_NORI = "ngrams+nori";

    public static ClassifierSettings defaults() {
        return new ClassifierSettings("MAXENT_QN", 200, 1, 0.05, 0.35, NGRAMS);
    }

    public ClassifierSettings withThreshold(double t) {
        return new ClassifierSettings(algorithm, iterations, cutoff, l2Cost, t, features);
    }

    public ClassifierSettings withAlgorithm(String a) {
        return new ClassifierSettings(a, iterations, cutoff, l2Cost, threshold, features);
    }

    public ClassifierSettings withIterations(int n) {
        return new ClassifierSettings(algorithm, n, cutoff, l2Cost, threshold, features);
    }

    public ClassifierSettings withL2(double c) {
        return new ClassifierSettings(algorithm, iterations, cutoff, c, threshold, features);
    }

    public ClassifierSettings withFeatures(String f) {
        return new ClassifierSettings(algorithm, iterations, cutoff, l2Cost, threshold, f);
    }
}
