package kr.daejeon.battery.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.learning.IntentFiles;
import kr.daejeon.battery.nlu.Classification;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.eval.encoder.EmbeddingIntentModel;
import kr.daejeon.battery.eval.encoder.EnsembleClassifier;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.LabeledUtterance;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.eval.encoder.SentenceEncoder;

/**
 * {@code eval}: how well the classifier does, like {@code rasa test nlu}.
 * Options: --intents DIR, --folds K, --heldout DIR, --clinc FILE, --clinc-model FILE, --encoder minilm, --algorithm A,
 * --iterations N, --l2 C, --threshold T, --features ngrams|ngrams+nori, --no-cv, and --add INTENT:LANG:TEXT
 * (repeatable) to compare the evaluation with and without proposed utterances. Frozen sets of real
 * questions ({@link FrozenEvalSet}) are asked through the conversation engine: --set DIR, --perturb
 * (openers, one typing slip, no spaces), --dialogues FILE (two-turn dialogues), --questions FILE (repeatable; questions of a file
 * instead of the set's, its language from the name: {@code …-en.tsv} is English), --seed N, --faq DIR,
 * --show-errors.
 */
public final class EvalCommand {

    /** The vector model's L2 cost and L-BFGS iterations (about eight minutes on CLINC150 here). */
    private static final double VECTOR_L2 = 0.1;
    private static final int VECTOR_ITERATIONS = 100;

    private EvalCommand() {
    }

    public static int run(List<String> args, ClassifierSettings defaults, Path defaultIntents, PrintStream out) throws Exception {
        Path intents = defaultIntents;
        Path heldout = null;
        Path clinc = null;
        Path clincModel = null;
        String encoder = null;
        int folds = 5;
        boolean cv = true;
        ClassifierSettings s = defaults;
        List<String> additions = new ArrayList<>();
        Path set = null;
        Path dialogues = null;
        List<Path> questionFiles = new ArrayList<>();
        Path faq = Path.of(AppConfig.DEFAULTS.get("faq_dir"));
        boolean perturb = false;
        boolean showErrors = false;
        long seed = 42;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--intents" -> intents = Path.of(value(args, ++i, a));
                case "--heldout" -> heldout = Path.of(value(args, ++i, a));
                case "--clinc" -> clinc = Path.of(value(args, ++i, a));
                case "--clinc-model" -> clincModel = Path.of(value(args, ++i, a));
                case "--encoder" -> encoder = value(args, ++i, a);
                case "--folds" -> folds = Integer.parseInt(value(args, ++i, a));
                case "--no-cv" -> cv = false;
                case "--add" -> additions.add(value(args, ++i, a));
                case "--set" -> set = Path.of(value(args, ++i, a));
                case "--dialogues" -> dialogues = Path.of(value(args, ++i, a));
                case "--questions" -> questionFiles.add(Path.of(value(args, ++i, a)));
                case "--faq" -> faq = Path.of(value(args, ++i, a));
                case "--perturb" -> perturb = true;
                case "--show-errors" -> showErrors = true;
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--algorithm" -> s = s.withAlgorithm(value(args, ++i, a));
                case "--iterations" -> s = s.withIterations(Integer.parseInt(value(args, ++i, a)));
                case "--l2" -> s = s.withL2(Double.parseDouble(value(args, ++i, a)));
                case "--features" -> s = s.withFeatures(value(args, ++i, a));
                case "--threshold" -> s = s.withThreshold(Double.parseDouble(value(args, ++i, a)));
                default -> throw new IllegalArgumentException("unknown eval option: " + a);
            }
        }
        out.printf(Locale.ROOT, "settings: features=%s algorithm=%s iterations=%d cutoff=%d l2=%.3f threshold=%.2f%n",
                s.features(), s.algorithm(), s.iterations(), s.cutoff(), s.l2Cost(), s.threshold());
        if (!additions.isEmpty()) {
            return compare(intents, withAdditions(intents, additions), heldout, cv ? folds : 0, s, out);
        }
        // Read the sets before any training, so a wrong path or line fails at once.
        FrozenEvalSet frozen = set == null ? null : FrozenEvalSet.load(set);
        List<EvalDialogue> extraDialogues = dialogues == null ? null : FrozenEvalSet.readDialogues(dialogues);
        List<EvalQuestion> extraQuestions = questionFiles.isEmpty() ? null : questionFiles.stream()
                .flatMap(f -> FrozenEvalSet.readQuestions(f, FrozenEvalSet.languageOf(f)).stream()).toList();
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
        if (frozen != null || extraDialogues != null || extraQuestions != null) {
            long t0 = System.nanoTime();
            IntentClassifier model = IntentClassifier.train(corpus.utterances(), s);
            out.printf(Locale.ROOT, "%n== real questions through the conversation engine (model trained on all of %s in %.1f s,"
                    + " answers from %s)%n", intents, (System.nanoTime() - t0) / 1e9, faq);
            runFrozen(EngineEvaluation.of(model, faq), model, frozen, dialogues, extraDialogues, extraQuestions, perturb, seed, showErrors, out);
        }
        if (clinc != null) {
            runClinc(clinc, clincModel, encoder, s, out);
        }
        return 0;
    }

    /**
     * {@code --set DIR} / {@code --dialogues FILE} / {@code --questions FILE}: the frozen questions (plain, and with
     * {@code --perturb} every perturbation) and the dialogues (those of the set unless files are given), each as one table.
     */
    private static void runFrozen(EngineEvaluation eval, IntentClassifier model, FrozenEvalSet set, Path dialoguesFile,
                                  List<EvalDialogue> extraDialogues, List<EvalQuestion> extraQuestions, boolean perturb,
                                  long seed, boolean showErrors, PrintStream out) {
        List<EvalDialogue> dialogues = extraDialogues != null ? extraDialogues : set != null ? set.dialogues() : List.of();
        List<EvalQuestion> questions = extraQuestions != null ? extraQuestions : set != null ? set.questions() : List.of();
        List<String> gold = new ArrayList<>(dialogues.stream().map(EvalDialogue::expectedIntent).toList());
        questions.forEach(q -> gold.addAll(q.intents()));
        if (set != null) {
            List<String> problems = FrozenEvalSet.checksumProblems(set.dir());
            if (problems.isEmpty()) {
                out.println("  " + set.dir() + ": checksums match " + FrozenEvalSet.CHECKSUMS);
            }
            problems.forEach(p -> out.println("  WARNING: " + p));
        }
        if (!questions.isEmpty()) {
            QuestionReport report = eval.questions(questions,
                    perturb ? List.of(Perturbation.values()) : List.of(), seed);
            out.printf(Locale.ROOT, "-- questions of %s (%s; seed %d)%n", extraQuestions != null ? "the given files" : set.dir(),
                    perturb ? "plain and perturbed; drop = points of in-scope accuracy lost" : "plain; --perturb adds"
                            + " openers, a typing slip and no spaces", seed);
            out.print(report.table());
            if (showErrors) {
                report.misses().forEach(m -> out.println("  " + m));
            }
        }
        if (!dialogues.isEmpty()) {
            DialogueReport report = eval.dialogues(dialogues);
            out.printf(Locale.ROOT, "-- two-turn dialogues (%s; second reply's intent vs. expected)%n",
                    dialoguesFile != null ? dialoguesFile : set.dir().resolve(FrozenEvalSet.DIALOGUES));
            out.print(report.table());
            if (showErrors) {
                report.misses().forEach(m -> out.println("  " + m));
            }
        }
        List<String> unknown = gold.stream().distinct().filter(i -> !model.intents().contains(i)
                && !IntentClassifier.FALLBACK.equals(i)).sorted().toList();
        if (!unknown.isEmpty()) {
            out.println("  WARNING: intents in the set the classifier does not know (always counted wrong): " + unknown);
        }
    }

    /**
     * {@code --add INTENT:LANG:TEXT}: the same evaluation with and without proposed utterances, so a
     * reviewer sees whether a change helps or hurts before approving it.
     */
    private static int compare(Path base, Path changed, Path heldout, int folds, ClassifierSettings s, PrintStream out) {
        List<LabeledUtterance> before = IntentCorpus.load(base).utterances();
        List<LabeledUtterance> after = IntentCorpus.load(changed).utterances();
        out.printf(Locale.ROOT, "%n== proposed change: %d utterance(s) added to %s%n", after.size() - before.size(), base);
        if (folds > 1) {
            out.printf(Locale.ROOT, "-- %d-fold cross-validation (same folds for both)%n", folds);
            printComparison(IntentEvaluation.crossValidate(before, folds, s, 42),
                    IntentEvaluation.crossValidate(after, folds, s, 42), out);
        }
        if (heldout != null) {
            List<LabeledUtterance> test = IntentCorpus.load(heldout).utterances();
            out.printf(Locale.ROOT, "-- held-out set %s (%d utterances)%n", heldout, test.size());
            printComparison(IntentEvaluation.evaluate(IntentClassifier.train(before, s), test),
                    IntentEvaluation.evaluate(IntentClassifier.train(after, s), test), out);
        }
        return 0;
    }

    private static void printComparison(Map<Language, EvaluationReport> before, Map<Language, EvaluationReport> after,
                                        PrintStream out) {
        for (Language lang : before.keySet()) {
            EvaluationReport b = before.get(lang);
            EvaluationReport a = after.get(lang);
            out.printf(Locale.ROOT, "  %s before: %s%n  %s after:  %s%n", lang.code(), b.summaryLine(), lang.code(), a.summaryLine());
            out.printf(Locale.ROOT, "  %s change: in-scope accuracy %+.1f, out-of-scope recall %+.1f, false fallback %+.1f points -> %s%n",
                    lang.code(), 100 * (a.inScopeAccuracy() - b.inScopeAccuracy()),
                    100 * (a.outOfScopeRecall() - b.outOfScopeRecall()), 100 * (a.falseFallbackRate() - b.falseFallbackRate()),
                    verdict(b, a));
        }
    }

    static String verdict(EvaluationReport before, EvaluationReport after) {
        double gain = (after.inScopeAccuracy() - before.inScopeAccuracy()) + (after.outOfScopeRecall() - before.outOfScopeRecall())
                - (after.falseFallbackRate() - before.falseFallbackRate());
        return gain > 1e-9 ? "IMPROVED" : gain < -1e-9 ? "HURT" : "UNCHANGED";
    }

    /** A temporary copy of the intents with {@code INTENT:LANG:TEXT} utterances appended. */
    private static Path withAdditions(Path intents, List<String> additions) throws IOException {
        Path copy = Files.createTempDirectory("intents-proposed");
        try (var files = Files.list(intents)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        IntentFiles writer = new IntentFiles(copy);
        for (String a : additions) {
            String[] p = a.split(":", 3);
            Language lang = p.length == 3 ? Language.fromCode(p[1]) : null;
            if (lang == null) {
                throw new IllegalArgumentException("--add needs INTENT:ko|en:TEXT (got '" + a + "')");
            }
            writer.append(p[0], lang, p[2], "proposed (eval --add)");
        }
        return copy;
    }

    private static void runClinc(Path file, Path modelFile, String encoder, ClassifierSettings s, PrintStream out)
            throws Exception {
        if (!Files.exists(file)) {
            out.println("CLINC150 file not found: " + file + " (skipped)");
            return;
        }
        Clinc150 data = Clinc150.load(file);
        List<LabeledUtterance> train = data.split("train", "oos_train");
        IntentClassifier model;
        long t0 = System.nanoTime();
        if (modelFile != null && Files.exists(modelFile)) {
            model = IntentClassifier.load(modelFile, 0.0);
            out.printf(Locale.ROOT, "%n== CLINC150 %s: model loaded from %s%n", file, modelFile);
        } else {
            model = IntentClassifier.train(train, s);
            out.printf(Locale.ROOT, "%n== CLINC150 %s: trained on train+oos_train in %.1f s%n", file, (System.nanoTime() - t0) / 1e9);
            if (modelFile != null) {
                model.save(modelFile);
            }
        }
        // Thresholds (and the ensemble's weight) are chosen on the validation splits only, as the paper
        // prescribes; test is for reporting.
        List<LabeledUtterance> val = data.split("val", "oos_val");
        List<LabeledUtterance> test = data.split("test", "oos_test");
        out.println("-- n-gram maximum-entropy model (the service's classifier)");
        sweepThresholds((u, t) -> model.classifyWithThreshold(u.text(), t), val, test, out);
        if (encoder != null) {
            runEnsemble(model, encoder, train, val, test, out);
        }
    }

    /**
     * The n-gram model together with a maximum-entropy model over sentence vectors; the vector model's
     * weight is the one with the best in-scope accuracy on val.
     */
    private static void runEnsemble(IntentClassifier model, String encoder, List<LabeledUtterance> train,
                                    List<LabeledUtterance> val, List<LabeledUtterance> test, PrintStream out) {
        if (!SentenceEncoder.MINILM.equals(encoder)) {
            throw new IllegalArgumentException("unknown --encoder " + encoder + " (known: " + SentenceEncoder.MINILM + ")");
        }
        long t0 = System.nanoTime();
        SentenceEncoder sentences;
        try {
            sentences = SentenceEncoder.miniLm();
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("the sentence encoder's libraries are not on the class path (they are left out"
                    + " of the service jar); run eval with the Maven class path as shown in docs/evaluation.md", e);
        }
        Map<String, float[]> vectors = new HashMap<>();
        for (List<LabeledUtterance> part : List.of(train, val, test)) {
            List<String> texts = part.stream().map(LabeledUtterance::text).filter(t -> !vectors.containsKey(t)).distinct().toList();
            List<float[]> encoded = sentences.encodeAll(texts);
            for (int i = 0; i < texts.size(); i++) {
                vectors.put(texts.get(i), encoded.get(i));
            }
        }
        out.printf(Locale.ROOT, "%n-- sentence vectors (%s, %d texts) in %.1f s%n", encoder, vectors.size(), (System.nanoTime() - t0) / 1e9);
        t0 = System.nanoTime();
        EmbeddingIntentModel dense = EmbeddingIntentModel.train(train, train.stream().map(u -> vectors.get(u.text())).toList(),
                VECTOR_L2, VECTOR_ITERATIONS);
        out.printf(Locale.ROOT, "-- vector maximum-entropy model trained in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        EnsembleClassifier ensemble = new EnsembleClassifier(model, dense, 0.5);
        double bestWeight = 0;
        double bestAccuracy = -1;
        out.println("  vector weight | val in-scope acc (threshold 0)");
        for (int step = 0; step <= 10; step++) {
            EnsembleClassifier e = ensemble.withDenseWeight(step / 10.0);
            double accuracy = score((u, t) -> e.classify(u.text(), vectors.get(u.text()), t), val, 0.0).inScopeAccuracy();
            out.printf(Locale.ROOT, "  %13.1f | %.1f%%%n", e.denseWeight(), 100 * accuracy);
            if (accuracy > bestAccuracy + 1e-9) {
                bestAccuracy = accuracy;
                bestWeight = e.denseWeight();
            }
        }
        EnsembleClassifier chosen = ensemble.withDenseWeight(bestWeight);
        out.printf(Locale.ROOT, "-- n-gram + sentence-vector ensemble (vector weight %.1f, chosen on val)%n", bestWeight);
        sweepThresholds((u, t) -> chosen.classify(u.text(), vectors.get(u.text()), t), val, test, out);
    }

    /** Something that classifies an example with a given fallback threshold. */
    private interface ThresholdModel {
        Classification classify(LabeledUtterance example, double threshold);
    }

    private static void sweepThresholds(ThresholdModel model, List<LabeledUtterance> val, List<LabeledUtterance> test,
                                        PrintStream out) {
        out.println("  threshold | val: in-scope acc  oos recall | test: in-scope acc  oos recall  false fallback");
        double bestT = 0;
        double bestScore = -1;
        double keepT = 0;
        double baseAccuracy = score(model, val, 0.0).inScopeAccuracy();
        for (int step = 0; step <= 19; step++) {
            double t = step * 0.05;
            EvaluationReport v = score(model, val, t);
            EvaluationReport r = score(model, test, t);
            double objective = v.inScopeAccuracy() + v.outOfScopeRecall();
            if (objective > bestScore) {
                bestScore = objective;
                bestT = t;
            }
            if (v.inScopeAccuracy() >= baseAccuracy - 0.01) {
                keepT = t;
            }
            out.printf(Locale.ROOT, "  %9.2f | %17.1f%% %10.1f%% | %18.1f%% %10.1f%% %14.1f%%%n", t,
                    100 * v.inScopeAccuracy(), 100 * v.outOfScopeRecall(), 100 * r.inScopeAccuracy(),
                    100 * r.outOfScopeRecall(), 100 * r.falseFallbackRate());
        }
        out.println("  oos-train (threshold 0):          " + score(model, test, 0.0).summaryLine());
        out.printf(Locale.ROOT, "  oos-threshold %.2f (highest on val keeping in-scope accuracy within 1 point): %s%n", keepT,
                score(model, test, keepT).summaryLine());
        out.printf(Locale.ROOT, "  oos-threshold %.2f (best in-scope acc + oos recall on val):                %s%n", bestT,
                score(model, test, bestT).summaryLine());
    }

    private static EvaluationReport score(ThresholdModel model, List<LabeledUtterance> data, double threshold) {
        EvaluationReport r = new EvaluationReport();
        for (LabeledUtterance u : data) {
            r.add(u.intent(), model.classify(u, threshold).intent());
        }
        return r;
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
