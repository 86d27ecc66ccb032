package kr.daejeon.battery.nlu;

import java.util.List;

/**
 * What the classifier concluded about one message.
 *
 * @param intent     the decided intent id, {@value IntentClassifier#FALLBACK} when unsure or out of scope
 * @param confidence the probability behind that decision
 * @param ranking    the best in-scope candidates, most likely first (at most three)
 */
public record Classification(String intent, double confidence, List<ScoredIntent> ranking) {

    public boolean isFallback() {
        return IntentClassifier.FALLBACK.equals(intent);
    }
}
