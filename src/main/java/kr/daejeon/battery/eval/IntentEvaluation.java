package kr.daejeon.battery.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import kr.daejeon.battery.nlu.Classification;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.LabeledUtterance;
import kr.daejeon.battery.nlu.Language;

/** Cross-validation and held-out evaluation of the intent classifier, reported per language. */
public final class IntentEvaluation {

    private IntentEvaluation() {
    }

    /** Scores every example with the classifier; the reports are keyed by language. */
    public static Map<Language, EvaluationReport> evaluate(IntentClassifier classifier, List<LabeledUtterance> examples) {
        Map<Language, EvaluationReport> reports = new EnumMap<>(Language.class);
        for (LabeledUtterance u : examples) {
            Classification c = classifier.classify(u.text());
            reports.computeIfAbsent(u.language(), k -> new EvaluationReport()).add(u.intent(), c.intent());
        }
        return reports;
    }

    /**
     * Stratified k-fold cross-validation: each (intent, language) group is shuffled with a fixed
     * seed and dealt round-robin into the folds, so every fold sees every intent.
     */
    public static Map<Language, EvaluationReport> crossValidate(List<LabeledUtterance> all, int folds,
                                                               ClassifierSettings settings, long seed) {
        if (folds < 2) {
            throw new IllegalArgumentException("folds must be at least 2");
        }
        Map<String, List<LabeledUtterance>> groups = new LinkedHashMap<>();
        for (LabeledUtterance u : all) {
            groups.computeIfAbsent(u.intent() + "/" + u.language(), k -> new ArrayList<>()).add(u);
        }
        List<List<LabeledUtterance>> foldSets = new ArrayList<>();
        for (int i = 0; i < folds; i++) {
            foldSets.add(new ArrayList<>());
        }
        Random random = new Random(seed);
        int offset = 0;
        for (List<LabeledUtterance> group : groups.values()) {
            List<LabeledUtterance> shuffled = new ArrayList<>(group);
            java.util.Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); i++) {
                foldSets.get((i + offset) % folds).add(shuffled.get(i));
            }
            offset++;
        }
        Map<Language, EvaluationReport> total = new EnumMap<>(Language.class);
        for (int f = 0; f < folds; f++) {
            List<LabeledUtterance> train = new ArrayList<>();
            for (int g = 0; g < folds; g++) {
                if (g != f) {
                    train.addAll(foldSets.get(g));
                }
            }
            IntentClassifier model = IntentClassifier.train(train, settings);
            evaluate(model, foldSets.get(f)).forEach((lang, report) ->
                    total.computeIfAbsent(lang, k -> new EvaluationReport()).addAll(report));
        }
        return total;
    }
}
