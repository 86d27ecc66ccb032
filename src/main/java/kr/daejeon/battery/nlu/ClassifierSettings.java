package kr.daejeon.battery.nlu;

/**
 * How the intent model is trained and when it gives up.
 *
 * @param algorithm  OpenNLP trainer: {@code MAXENT} (GIS) or {@code MAXENT_QN} (L-BFGS with L2)
 * @param iterations training iterations
 * @param cutoff     minimum count for a feature to be kept
 * @param l2Cost     L2 regularisation for MAXENT_QN
 * @param threshold  below this top probability the answer is {@code fallback}
 */
public record ClassifierSettings(String algorithm, int iterations, int cutoff, double l2Cost, double threshold) {

    public static ClassifierSettings defaults() {
        return new ClassifierSettings("MAXENT_QN", 200, 1, 0.05, 0.35);
    }

    public ClassifierSettings withThreshold(double t) {
        return new ClassifierSettings(algorithm, iterations, cutoff, l2Cost, t);
    }
}
