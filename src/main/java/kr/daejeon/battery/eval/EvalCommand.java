package kr.daejeon.battery.eval;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.LabeledUtterance;
import kr.daejeon.battery.nlu.Language;

/**
 * {@code eval}: how well the classifier does, like {@code rasa test nlu}.
 * Options: --intents DIR, --folds K, --heldout DIR, --clinc FILE, --algorithm A,
 * --iterations N, --l2 C, --threshold T, --no-cv.
 */
public final class EvalCommand {

    private EvalCommand() {
    }

    public static int run(List<String> args, ClassifierSettings defaults, Path defaultIntents, PrintStream out) throws Exception {
        Path intents = defaultIntents;
        Path heldout = null;
        Path clinc = null;
        int folds = 5;
        boolean cv = true;
        ClassifierSettings s = defaults;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--intents" -> intents = Path.of(value(args, ++i, a));
                case "--heldout" -> heldout = Path.of(value(args, ++i, a));
                case "--clinc" -> clinc = Path.of(value(args, ++i, a));
                case "--folds" -> folds = Integer.parseInt(value(args, ++i, a));
                case "--no-cv" -> cv = false;
                case "--algorithm" -> s = new ClassifierSettings(value(args, ++i, a), s.iterations(), s.cutoff(), s.l2Cost(), s.threshold());
                case "--iterations" -> s = new ClassifierSettings(s.algorithm(), Integer.parseInt(value(args, ++i, a)), s.cutoff(), s.l2Cost(), s.threshold());
                case "--l2" -> s = new ClassifierSettings(s.algorithm(), s.iterations(), s.cutoff(), Double.parseDouble(value(args, ++i, a)), s.threshold());
                case "--threshold" -> s = s.withThreshold(Double.parseDouble(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("unknown eval option: " + a);
            }
        }
        out.printf(Locale.ROOT, "settings: algorithm=%s iterations=%d cutoff=%d l2=%.3f threshold=%.2f%n",
                s.algorithm(), s.iterations(), s.cutoff(), s.l2Cost(), s.threshold());
        IntentCorpus corpus = IntentCorpus.load(intents);
        if (cv) {
            out.printf(Locale.ROOT, "%n== %d-fold stratified cross-validation over %s (%d utterances)%n", folds, intents,
                    corpus.utterances().size());
            long t0 = System.nanoTime();
            printPerLanguage(IntentEvaluation.crossValidate(corpus.utterances(), folds, s, 42), out);
            out.printf(Locale.ROOT, "  (%.1f s)%n", (System.nanoTime() - t0) / 1e9);
        }
        if (heldout != null) {
            IntentCorpus test = IntentCorpus.load(heldout);
            long t0 = System.nanoTime();
            IntentClassifier model = IntentClassifier.train(corpus.utterances(), s);
            out.printf(Locale.ROOT, "%n== held-out set %s (%d utterances; model trained on all of %s in %.1f s)%n", heldout,
                    test.utterances().size(), intents, (System.nanoTime() - t0) / 1e9);
            printPerLanguage(IntentEvaluation.evaluate(model, test.utterances()), out);
            printErrors(model, test.utterances(), out);
        }
        if (clinc != null) {
            runClinc(clinc, s, out);
        }
        return 0;
    }

    private static void runClinc(Path file, ClassifierSettings s, PrintStream out) throws Exception {
        if (!Files.exists(file)) {
            out.println("CLINC150 file not found: " + file + " (skipped)");
            return;
        }
        Clinc150 data = Clinc150.load(file);
        long t0 = System.nanoTime();
        IntentClassifier model = IntentClassifier.train(data.split("train", "oos_train"), s);
        double trainSec = (System.nanoTime() - t0) / 1e9;
        // The threshold is chosen on the validation splits only, as the paper prescribes.
        List<LabeledUtterance> val = data.split("val", "oos_val");
        double bestT = 0;
        double bestScore = -1;
        for (double t = 0.0; t <= 0.951; t += 0.05) {
            EvaluationReport r = new EvaluationReport();
            for (LabeledUtterance u : val) {
                r.add(u.intent(), model.classifyWithThreshold(u.text(), t).intent());
            }
            double score = r.inScopeAccuracy() + r.outOfScopeRecall();
            if (score > bestScore) {
                bestScore = score;
                bestT = t;
            }
        }
        List<LabeledUtterance> test = data.split("test", "oos_test");
        EvaluationReport plain = new EvaluationReport();
        EvaluationReport tuned = new EvaluationReport();
        for (LabeledUtterance u : test) {
            plain.add(u.intent(), model.classifyWithThreshold(u.text(), 0.0).intent());
            tuned.add(u.intent(), model.classifyWithThreshold(u.text(), bestT).intent());
        }
        out.printf(Locale.ROOT, "%n== CLINC150 %s: trained on train+oos_train (%.1f s), reported on test+oos_test%n", file, trainSec);
        out.println("  oos-train (no threshold):         " + plain.summaryLine());
        out.printf(Locale.ROOT, "  oos-train + threshold %.2f (val): %s%n", bestT, tuned.summaryLine());
    }

    private static void printPerLanguage(Map<Language, EvaluationReport> reports, PrintStream out) {
        EvaluationReport all = new EvaluationReport();
        reports.forEach((lang, report) -> {
            out.println("-- " + lang.code());
            out.print(report.render(true));
            all.addAll(report);
        });
        out.println("-- all languages");
        out.println("  " + all.summaryLine());
    }

    private static void printErrors(IntentClassifier model, List<LabeledUtterance> test, PrintStream out) {
        List<String> errors = new ArrayList<>();
        for (LabeledUtterance u : test) {
            var c = model.classify(u.text());
            if (!c.intent().equals(u.intent())) {
                errors.add(String.format(Locale.ROOT, "  [%s] %s -> %s (%.2f): %s", u.language().code(), u.intent(), c.intent(),
                        c.confidence(), u.text()));
            }
        }
        if (!errors.isEmpty()) {
            out.println("  misclassified:");
            errors.forEach(out::println);
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}
