package kr.daejeon.battery.nlu;

import java.util.concurrent.atomic.AtomicReference;

/**
 * The classifier in use, replaceable while the server runs: a retrained model is swapped in with
 * one atomic write, so a turn uses either the old or the new model, never half of one, and no
 * request waits for training.
 */
public final class LiveClassifier {

    private final AtomicReference<IntentClassifier> current;

    public LiveClassifier(IntentClassifier initial) {
        this.current = new AtomicReference<>(initial);
    }

    public IntentClassifier current() {
        return current.get();
    }

    public void swap(IntentClassifier next) {
        current.set(next);
    }
}
