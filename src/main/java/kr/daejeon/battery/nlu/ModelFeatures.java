package kr.daejeon.battery.nlu;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The features a trained model knows, as the vocabulary of the helpers that repair a message before it is read
 * ({@link SlipCorrector}, {@link Respacer}, {@link LatinSpeller}): they only ever restore what the model has seen.
 */
final class ModelFeatures {

    private ModelFeatures() {
    }

    /** The values of the features named {@code prefix}{@code value} whose value {@code keep} accepts; empty for other models. */
    static Set<String> withPrefix(MaxentModel model, String prefix, Predicate<String> keep) {
        Set<String> out = new HashSet<>();
        if (model instanceof AbstractModel m) {
            for (Object part : m.getDataStructures()) {
                if (part instanceof Map<?, ?> predicates) {
                    for (Object key : predicates.keySet()) {
                        String k = String.valueOf(key);
                        if (k.startsWith(prefix) && keep.test(k.substring(prefix.length()))) {
                            out.add(k.substring(prefix.length()));
                        }
                    }
                }
            }
        }
        return out;
    }
}
