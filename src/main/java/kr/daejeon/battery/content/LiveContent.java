package kr.daejeon.battery.content;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The content in use, replaceable while the server runs: a new version is loaded and validated in
 * full (see {@link VersionedContent}), then swapped in with one atomic write; content that does not
 * load never replaces content that does.
 */
public final class LiveContent implements Supplier<Content> {

    private final AtomicReference<Content> current;

    public LiveContent(Content initial) {
        this.current = new AtomicReference<>(initial);
    }

    @Override
    public Content get() {
        return current.get();
    }

    public void swap(Content next) {
        current.set(next);
    }
}
