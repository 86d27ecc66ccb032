package kr.daejeon.battery.learning;

import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import kr.daejeon.battery.content.VersionedContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When enabled, notices plain edits of this node's {@code intents/} and {@code faq/} (an editor, a git
 * pull): every {@code seconds} it compares the files' sizes and modification times, off the event
 * loop, and makes the edited files the next content version, which every node then serves. Files
 * that do not load are reported and the current version stays.
 */
public final class ContentWatcher {

    private static final Logger LOG = LoggerFactory.getLogger(ContentWatcher.class);

    private final VersionedContent versions;
    private final Path intentsDir;
    private final Path faqDir;
    private volatile String seen;

    public ContentWatcher(VersionedContent versions, Path intentsDir, Path faqDir) {
        this.versions = versions;
        this.intentsDir = intentsDir;
        this.faqDir = faqDir;
        this.seen = fingerprint();
    }

    public void start(Vertx vertx, int seconds) {
        vertx.setPeriodic(seconds * 1000L, t -> vertx.executeBlocking(this::check, true)); // ordered: one check at a time
    }

    /** True when the files changed and became a new version. */
    boolean check() {
        String now = fingerprint();
        if (now.equals(seen)) {
            return false;
        }
        seen = now;
        try {
            return versions.importFiles(intentsDir, faqDir, "files").map(v -> {
                LOG.info("files on disk changed: content version {} made from them", v.number());
                return true;
            }).orElse(false);
        } catch (IllegalArgumentException e) {
            LOG.error("files on disk changed but do not load; keeping the current version: {}", e.getMessage());
            return false;
        } catch (kr.daejeon.battery.content.StaleVersionException e) {
            seen = "retry"; // someone else made a version meanwhile: try again on the next round
            return false;
        }
    }

    private String fingerprint() {
        return fingerprint(intentsDir) + "|" + fingerprint(faqDir) + "|" + fingerprint(faqDir.resolve("qa"));
    }

    static String fingerprint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "";
        }
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
