package kr.daejeon.battery.content;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** The content versions of a single node (memory mode): the same rules as in Redis, kept in this process. */
public final class InMemoryContentStore implements ContentStore {

    private final Clock clock;
    private final List<ContentVersion> versions = new ArrayList<>();
    private final Map<String, String> texts = new HashMap<>();
    private final Map<String, byte[]> models = new HashMap<>();
    private final Map<String, Instant> claims = new HashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    public InMemoryContentStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized long head() {
        return versions.size();
    }

    @Override
    public synchronized Optional<ContentVersion> version(long number) {
        return number < 1 || number > versions.size() ? Optional.empty() : Optional.of(versions.get((int) number - 1));
    }

    @Override
    public synchronized List<ContentVersion> history(int limit) {
        List<ContentVersion> out = new ArrayList<>();
        for (int i = versions.size() - 1; i >= 0 && out.size() < limit; i--) {
            out.add(versions.get(i).summaryOnly());
        }
        return out;
    }

    @Override
    public synchronized Map<String, String> texts(Collection<String> hashes) {
        Map<String, String> out = new HashMap<>();
        for (String h : hashes) {
            if (h != null && texts.containsKey(h)) {
                out.put(h, texts.get(h));
            }
        }
        return out;
    }

    @Override
    public ContentVersion commit(long expected, ContentFiles files, String author, String summary) {
        ContentVersion v;
        synchronized (this) {
            if (expected != versions.size()) {
                throw new StaleVersionException(expected, versions.size());
            }
            Map<String, String> before = versions.isEmpty() ? Map.of() : versions.get(versions.size() - 1).manifest();
            Map<String, String> manifest = VersionRecords.manifest(files);
            files.files().forEach((path, text) -> texts.put(manifest.get(path), text));
            v = new ContentVersion(expected + 1, author, clock.instant(), summary, VersionRecords.changes(before, manifest), manifest);
            versions.add(v);
        }
        listeners.forEach(l -> l.accept(Long.toString(v.number())));
        return v;
    }

    @Override
    public synchronized Optional<byte[]> model(String key) {
        return Optional.ofNullable(models.get(key));
    }

    @Override
    public void putModel(String key, byte[] model) {
        synchronized (this) {
            models.clear(); // one node, one model in use: older ones are never loaded again
            models.put(key, model);
        }
        listeners.forEach(l -> l.accept("model:" + key));
    }

    @Override
    public synchronized boolean claimTraining(String key, Duration ttl) {
        Instant now = clock.instant();
        Instant until = claims.get(key);
        if (until != null && until.isAfter(now)) {
            return false;
        }
        claims.put(key, now.plus(ttl));
        return true;
    }

    @Override
    public void listen(Consumer<String> event) {
        listeners.add(event);
    }
}
