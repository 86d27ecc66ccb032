package kr.daejeon.battery.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.nlu.LabeledUtterance;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    @Test
    void metricsFollowLarsonEtAlDefinitions() {
        EvaluationReport r = new EvaluationReport();
        r.add("a", "a");
        r.add("a", "fallback");
        r.add("b", "a");
        r.add("b", "b");
        r.add("fallback", "fallback");
        r.add("fallback", "b");
        // In-scope: 4 queries, 2 right; the one predicted out-of-scope counts as wrong.
        assertEquals(0.5, r.inScopeAccuracy(), 1e-9);
        assertEquals(0.25, r.falseFallbackRate(), 1e-9);
        assertEquals(0.5, r.outOfScopeRecall(), 1e-9);
        double[] a = r.prf("a");
        assertEquals(0.5, a[0], 1e-9);
        assertEquals(0.5, a[1], 1e-9);
        assertEquals(3, r.topConfusions(5).size());
    }

    @Test
    void crossValidationKeepsEveryExampleExactlyOnceInTest() {
        List<LabeledUtterance> data = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            data.add(new LabeledUtterance("deadline when close " + i, "deadline", Language.EN));
            data.add(new LabeledUtterance("apply how where form " + i, "apply", Language.EN));
            data.add(new LabeledUtterance("weather lunch stock " + i, "fallback", Language.EN));
        }
        var reports = IntentEvaluation.crossValidate(data, 3, ClassifierSettings.defaults().withThreshold(0.0), 7);
        EvaluationReport r = reports.get(Language.EN);
        assertEquals(36, r.total());
        assertEquals(1.0, r.inScopeAccuracy(), 1e-9);
    }
}
