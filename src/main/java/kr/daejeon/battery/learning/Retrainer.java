package kr.daejeon.battery.learning;

import java.nio.file.Path;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.LiveClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a new model from {@code intents/} and swaps it in. One training at a time; turns keep
 * using the current model meanwhile. Blocking (seconds): run it on a worker thread.
 */
public final class Retrainer {

    private static final Logger LOG = LoggerFactory.getLogger(Retrainer.class);

    private final Path intentsDir;
    private final ClassifierSettings settings;
    private final LiveClassifier live;
    private volatile String trainedOn;

    public Retrainer(Path intentsDir, ClassifierSettings settings, LiveClassifier live) {
        this.intentsDir = intentsDir;
        this.settings = settings;
        this.live = live;
        this.trainedOn = ContentWatcher.fingerprint(intentsDir);
    }

    /** True when the files differ (sizes and times) from those the current model was trained on, or last tried. */
    boolean filesChanged() {
        return !ContentWatcher.fingerprint(intentsDir).equals(trainedOn);
    }

    /** Returns the training time in milliseconds. */
    public synchronized long retrain() {
        long t0 = System.nanoTime();
        trainedOn = ContentWatcher.fingerprint(intentsDir);
        IntentCorpus corpus = IntentCorpus.load(intentsDir);
        IntentClassifier next = IntentClassifier.train(corpus.utterances(), settings);
        if (!next.intents().containsAll(live.current().intents())) {
            throw new IllegalStateException("the retrained model lost intents; keeping the current one");
        }
        live.swap(next);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("classifier retrained from {} ({} utterances) in {} ms and swapped in", intentsDir, corpus.utterances().size(), ms);
        return ms;
    }
}
