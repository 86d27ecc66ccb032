package kr.daejeon.battery.content;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import kr.daejeon.battery.nlu.LiveClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content in use, replaceable while the server runs: an edit of {@code faq/} is loaded and
 * validated in full, then swapped in with one atomic write; content that does not load never
 * replaces content that does.
 */
public final class LiveContent implements Supplier<Content> {

    private static final Logger LOG = LoggerFactory.getLogger(LiveContent.class);

    private final Path dir;
    private final ZoneId zone;
    private final LiveClassifier classifier;
    private final AtomicReference<Content> current;

    public LiveContent(Path dir, ZoneId zone, LiveClassifier classifier) {
        this.dir = dir;
        this.zone = zone;
        this.classifier = classifier;
        this.current = new AtomicReference<>(Content.load(dir, zone, classifier.current().intents()));
    }

    @Override
    public Content get() {
        return current.get();
    }

    public Path dir() {
        return dir;
    }

    /** Loads the files again; returns false (and keeps the current content) when they have problems. */
    public boolean reload() {
        try {
            current.set(Content.load(dir, zone, classifier.current().intents()));
            LOG.info("content reloaded from {}", dir);
            return true;
        } catch (RuntimeException e) {
            LOG.error("{} changed but has problems; keeping the current content: {}", dir, e.getMessage());
            return false;
        }
    }
}
