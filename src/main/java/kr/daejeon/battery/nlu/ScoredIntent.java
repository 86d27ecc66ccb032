package kr.daejeon.battery.nlu;

/** One intent with the classifier's probability for it. */
public record ScoredIntent(String intent, double probability) {
}
