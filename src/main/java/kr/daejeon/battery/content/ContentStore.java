package kr.daejeon.battery.content;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the versioned content set and the models trained from it live: in this process, or in Redis
 * for every node. Blocking; call from worker threads.
 */
public interface ContentStore extends AutoCloseable {

    /** The current version number; 0 when the store is empty. */
    long head();

    Optional<ContentVersion> version(long number);

    /** Newest first, at most {@code limit}, without manifests. */
    List<ContentVersion> history(int limit);

    /** The texts of the given hashes (a manifest's or a change's); unknown hashes are left out. */
    Map<String, String> texts(java.util.Collection<String> hashes);

    /**
     * Makes {@code files} version {@code expected + 1} if {@code expected} is still the current version:
     * the texts, the version record (who, when, what changed) and the new head in one atomic step, then
     * tells every node. Throws {@link StaleVersionException} and writes nothing otherwise.
     */
    ContentVersion commit(long expected, ContentFiles files, String author, String summary);

    Optional<byte[]> model(String key);

    void putModel(String key, byte[] model);

    /** True for the one caller that should train the model {@code key} now (a claim that lapses after {@code ttl}). */
    boolean claimTraining(String key, Duration ttl);

    /** Called (on some thread) with a version number or {@code "model:" + key} when another node or this one changed something. */
    void listen(Consumer<String> event);

    @Override
    default void close() {
    }

    /** The files of a version. */
    default ContentFiles files(ContentVersion v) {
        Map<String, String> texts = texts(v.manifest().values());
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        v.manifest().forEach((path, hash) -> {
            String text = texts.get(hash);
            if (text == null) {
                throw new IllegalStateException("version " + v.number() + " names a missing text for " + path);
            }
            out.put(path, text);
        });
        return new ContentFiles(out);
    }
}
