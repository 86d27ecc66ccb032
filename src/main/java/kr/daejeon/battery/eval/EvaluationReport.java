package kr.daejeon.battery.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import kr.daejeon.battery.nlu.IntentClassifier;

/**
 * Counts of gold vs. predicted intents and the metrics derived from them, with the
 * definitions of Larson et al. (2019): in-scope accuracy counts a query predicted as
 * out-of-scope as wrong; out-of-scope recall is the share of out-of-scope queries caught.
 */
public final class EvaluationReport {

    private final Map<String, Map<String, Integer>> confusion = new TreeMap<>();
    private int inScope;
    private int inScopeCorrect;
    private int inScopeFallback;
    private int outOfScope;
    private int outOfScopeCaught;

    public void add(String gold, String predicted) {
        confusion.computeIfAbsent(gold, k -> new TreeMap<>()).merge(predicted, 1, Integer::sum);
        if (IntentClassifier.FALLBACK.equals(gold)) {
            outOfScope++;
            if (IntentClassifier.FALLBACK.equals(predicted)) {
                outOfScopeCaught++;
            }
        } else {
            inScope++;
            if (gold.equals(predicted)) {
                inScopeCorrect++;
            } else if (IntentClassifier.FALLBACK.equals(predicted)) {
                inScopeFallback++;
            }
        }
    }

    public void addAll(EvaluationReport other) {
        other.confusion.forEach((gold, row) -> row.forEach((pred, n) -> {
            for (int i = 0; i < n; i++) {
                add(gold, pred);
            }
        }));
    }

    public int total() {
        return inScope + outOfScope;
    }

    public double inScopeAccuracy() {
        return ratio(inScopeCorrect, inScope);
    }

    public double outOfScopeRecall() {
        return ratio(outOfScopeCaught, outOfScope);
    }

    public double falseFallbackRate() {
        return ratio(inScopeFallback, inScope);
    }

    public int inScopeCount() {
        return inScope;
    }

    public int outOfScopeCount() {
        return outOfScope;
    }

    /** Precision, recall and F1 of one intent. */
    public double[] prf(String intent) {
        int tp = count(intent, intent);
        int goldTotal = confusion.getOrDefault(intent, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
        int predTotal = confusion.values().stream().mapToInt(row -> row.getOrDefault(intent, 0)).sum();
        double p = ratio(tp, predTotal);
        double r = ratio(tp, goldTotal);
        double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
        return new double[] {p, r, f};
    }

    public List<String> topConfusions(int n) {
        List<Object[]> pairs = new ArrayList<>();
        confusion.forEach((gold, row) -> row.forEach((pred, c) -> {
            if (!gold.equals(pred)) {
                pairs.add(new Object[] {gold, pred, c});
            }
        }));
        pairs.sort(Comparator.comparingInt((Object[] a) -> (Integer) a[2]).reversed());
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, pairs.size()); i++) {
            Object[] a = pairs.get(i);
            out.add(String.format(Locale.ROOT, "%4d  %s -> %s", a[2], a[0], a[1]));
        }
        return out;
    }

    public String summaryLine() {
        return String.format(Locale.ROOT,
                "in-scope accuracy %.1f%% (n=%d)  out-of-scope recall %.1f%% (n=%d)  false fallback %.1f%%",
                100 * inScopeAccuracy(), inScope, 100 * outOfScopeRecall(), outOfScope, 100 * falseFallbackRate());
    }

    public String render(boolean perIntent) {
        StringBuilder sb = new StringBuilder();
        sb.append("  ").append(summaryLine()).append('\n');
        if (perIntent) {
            TreeSet<String> labels = new TreeSet<>(confusion.keySet());
            sb.append(String.format(Locale.ROOT, "  %-24s %9s %9s %9s %7s%n", "intent", "precision", "recall", "f1", "n"));
            for (String label : labels) {
                double[] prf = prf(label);
                int n = confusion.get(label).values().stream().mapToInt(Integer::intValue).sum();
                sb.append(String.format(Locale.ROOT, "  %-24s %9.3f %9.3f %9.3f %7d%n", label, prf[0], prf[1], prf[2], n));
            }
        }
        List<String> top = topConfusions(10);
        if (!top.isEmpty()) {
            sb.append("  top confusions (count  gold -> predicted):\n");
            top.forEach(line -> sb.append("  ").append(line).append('\n'));
        }
        return sb.toString();
    }

    private int count(String gold, String pred) {
        return confusion.getOrDefault(gold, Map.of()).getOrDefault(pred, 0);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }
}
