package kr.daejeon.battery.nlu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;
import opennlp.tools.util.ext.ExtensionLoader;

/**
 * Maps a message to an intent id with Apache OpenNLP's maximum-entropy document categorizer.
 * Out-of-scope questions are learned as their own class ({@value #FALLBACK}, trained on
 * near-domain negatives) and also caught by a confidence threshold.
 *
 * <p>Immutable and thread-safe: classification only reads the trained model.
 */
public final class IntentClassifier {

    public static final String FALLBACK = "fallback";
    private static final int RANKING_SIZE = 3;

    static {
        // OpenNLP 2.5.11+ instantiates only feature generators from allowed packages when a model file
        // is read (CVE-2026-42440); ours live here, so a saved model must name this package to load.
        ExtensionLoader.registerAllowedPackage("kr.daejeon.battery.nlu");
    }

    private final DoccatModel model;
    private final MaxentModel maxent;
    private final FeatureGenerator[] featureGenerators;
    private final String[] outcomes;
    private final double threshold;
    private final SlipCorrector slips;
    private final Respacer respacer;
    private final LatinSpeller speller;

    private IntentClassifier(DoccatModel model, double threshold) {
        this.model = model;
        this.maxent = model.getMaxentModel();
        // The model file names its feature generators, so a loaded model computes the features it was trained on.
        this.featureGenerators = model.getFactory().getFeatureGenerators();
        this.outcomes = outcomeNames(maxent);
        this.threshold = threshold;
        this.slips = SlipCorrector.of(maxent);
        this.respacer = Respacer.of(maxent);
        this.speller = LatinSpeller.of(maxent);
    }

    public static IntentClassifier train(List<LabeledUtterance> examples, ClassifierSettings settings) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no training utterances");
        }
        List<DocumentSample> samples = new ArrayList<>(examples.size());
        for (LabeledUtterance u : examples) {
            String[] tokens = tokens(u.text());
            if (tokens.length > 0) {
                samples.add(new DocumentSample(u.intent(), tokens));
            }
        }
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, settings.algorithm());
        params.put(TrainingParameters.ITERATIONS_PARAM, settings.iterations());
        params.put(TrainingParameters.CUTOFF_PARAM, settings.cutoff());
        if ("MAXENT_QN".equals(settings.algorithm())) {
            params.put("L2Cost", settings.l2Cost());
            params.put("L1Cost", 0.0);
            params.put(TrainingParameters.THREADS_PARAM, Math.max(1, Runtime.getRuntime().availableProcessors()));
        }
        params.put("PrintMessages", false);
        try {
            FeatureGenerator features = ClassifierSettings.NGRAMS_NORI.equals(settings.features())
                    ? new MorphemeFeatures() : new IntentFeatures();
            DoccatModel model = DocumentCategorizerME.train("mul", new CollectionObjectStream<>(samples), params,
                    new DoccatFactory(new FeatureGenerator[] {features}));
            return new IntentClassifier(model, settings.threshold());
        } catch (IOException e) {
            throw new IllegalStateException("training the intent model failed", e);
        }
    }

    public static IntentClassifier load(Path file, double threshold) throws IOException {
        return new IntentClassifier(new DoccatModel(file), threshold);
    }

    /** A model stored as bytes (see {@link #toBytes}), e.g. in the shared content store. */
    public static IntentClassifier fromBytes(byte[] bytes, double threshold) throws IOException {
        return new IntentClassifier(new DoccatModel(new java.io.ByteArrayInputStream(bytes)), threshold);
    }

    public byte[] toBytes() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            model.serialize(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public void save(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            model.serialize(out);
        }
    }

    /** Never throws: any text, even empty or binary-looking, gets a classification. */
    public Classification classify(String text) {
        return classifyWithThreshold(text, threshold);
    }

    /** As {@link #classify}, with another fallback threshold (for evaluation sweeps). */
    public Classification classifyWithThreshold(String text, double customThreshold) {
        String[] tokens = speller.correct(respacer.respace(slips.correct(tokens(text))));
        if (tokens.length == 0) {
            return new Classification(FALLBACK, 1.0, List.of());
        }
        return decide(outcomes, maxent.eval(features(tokens)), customThreshold);
    }

    /** The model's probability of each of {@link #intents()}, in that order; null for text without words. */
    public double[] probabilities(String text) {
        String[] tokens = speller.correct(respacer.respace(slips.correct(tokens(text))));
        return tokens.length == 0 ? null : maxent.eval(features(tokens));
    }

    /** The raw message with spaces put back into long run-together Hangul (see {@link Respacer}). */
    public String respace(String text) {
        return respacer.respace(text);
    }

    public List<String> intents() {
        return List.of(outcomes);
    }

    public double threshold() {
        return threshold;
    }

    /** The model's outcomes in the order of its probability arrays. */
    public static String[] outcomeNames(MaxentModel maxent) {
        String[] names = new String[maxent.getNumOutcomes()];
        for (int i = 0; i < names.length; i++) {
            names[i] = maxent.getOutcome(i);
        }
        return names;
    }

    /**
     * The decision from a distribution over {@code outcomes}: the trained out-of-scope class wins
     * when it is the most likely, and so does a top intent below {@code minConfidence}.
     */
    public static Classification decide(String[] outcomes, double[] probs, double minConfidence) {
        List<ScoredIntent> ranking = new ArrayList<>(RANKING_SIZE);
        double fallbackProb = 0;
        boolean[] taken = new boolean[probs.length];
        for (int i = 0; i < probs.length; i++) {
            if (FALLBACK.equals(outcomes[i])) {
                fallbackProb = probs[i];
                taken[i] = true;
            }
        }
        while (ranking.size() < RANKING_SIZE) {
            int best = -1;
            for (int i = 0; i < probs.length; i++) {
                if (!taken[i] && (best < 0 || probs[i] > probs[best])) {
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            taken[best] = true;
            ranking.add(new ScoredIntent(outcomes[best], probs[best]));
        }
        if (ranking.isEmpty()) {
            return new Classification(FALLBACK, 1.0, List.of());
        }
        ScoredIntent top = ranking.get(0);
        if (fallbackProb >= top.probability() || top.probability() < minConfidence) {
            return new Classification(FALLBACK, clamp(1.0 - top.probability()), List.copyOf(ranking));
        }
        return new Classification(top.intent(), clamp(top.probability()), List.copyOf(ranking));
    }

    private static double clamp(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }

    private String[] features(String[] tokens) {
        if (featureGenerators.length == 1) {
            return featureGenerators[0].extractFeatures(tokens, Map.of()).toArray(new String[0]);
        }
        List<String> all = new ArrayList<>();
        for (FeatureGenerator g : featureGenerators) {
            all.addAll(g.extractFeatures(tokens, Map.of()));
        }
        return all.toArray(new String[0]);
    }

    static String[] tokens(String text) {
        String normalized = Loanwords.canonical(TextNormalizer.normalize(text));
        return normalized.isEmpty() ? new String[0] : normalized.split(" ");
    }
}
