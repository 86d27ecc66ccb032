package kr.daejeon.battery.learning;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kr.daejeon.battery.content.LiveContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When enabled, notices plain edits of {@code intents/} and {@code faq/} (an editor, a git pull):
 * every {@code seconds} it compares the files' sizes and modification times, off the event loop, then
 * retrains the classifier or reloads the answers. Files that do not load are reported and the
 * current model or content stays.
 */
public final class ContentWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ContentWatcher.class);

    private final Retrainer retrainer;
    private final LiveContent content;
    private volatile String contentSeen;

    public ContentWatcher(Retrainer retrainer, LiveContent content) {
        this.retrainer = retrainer;
        this.content = content;
        this.contentSeen = fingerprint(content.dir());
    }

    public void start(Vertx vertx, int seconds) {
        vertx.setPeriodic(seconds * 1000L, t -> vertx.executeBlocking(() -> {
            check();
            checkContent();
            return null;
        }, true));
    }

    /** Retrains when the files differ from what the model was last trained on (an approval already retrained). */
    boolean check() {
        if (!retrainer.filesChanged()) {
            return false;
        }
        try {
            LOG.info("training utterances changed on disk: retraining");
            retrainer.retrain();
            return true;
        } catch (RuntimeException e) {
            LOG.error("training utterances changed but do not load; keeping the current model: {}", e.getMessage());
            return false;
        }
    }

    /** Reloads {@code faq/} when its files changed; content with problems is reported and not used. */
    boolean checkContent() {
        String now = fingerprint(content.dir());
        if (now.equals(contentSeen)) {
            return false;
        }
        contentSeen = now;
        return content.reload();
    }

    static String fingerprint(Path dir) {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                b.append(f.getFileName()).append(':').append(Files.size(f)).append(':')
                        .append(Files.getLastModifiedTime(f).toMillis()).append(';');
            }
        } catch (IOException e) {
            return "unreadable:" + e.getMessage();
        }
        return b.toString();
    }
}
