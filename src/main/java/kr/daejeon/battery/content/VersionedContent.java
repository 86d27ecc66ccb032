package kr.daejeon.battery.content;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.LiveClassifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's view of the versioned content set: it makes new versions (an edit is applied to a copy
 * of the current version's files, validated in full and committed with compare-and-set), and it
 * follows the current version on its own worker thread: loads it, takes the model trained for it
 * from the store or trains it (once for all nodes: whoever claims it first), then swaps model and
 * answers in together. It hears of new versions by pub/sub and also checks every few seconds.
 */
public final class VersionedContent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VersionedContent.class);
    /** A node that claimed a training and died: another node takes over after this. */
    static final Duration TRAINING_CLAIM = Duration.ofMinutes(10);

    /** What this node serves, and what it is doing about a newer version. */
    public record Status(long version, long latest, String state, Long trainingVersion, String problem) {
    }

    private final ContentStore store;
    private final ClassifierSettings settings;
    private final ZoneId zone;
    private final LiveClassifier classifier;
    private final LiveContent content;
    private final ScheduledExecutorService worker;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Object editLock = new Object();
    private volatile long applied;
    private volatile String appliedModelKey;
    private volatile long latestSeen;
    private volatile Long training;
    private volatile String waitingForModel;
    private volatile String problem;
    private volatile long failedVersion;

    private VersionedContent(ContentStore store, ClassifierSettings settings, ZoneId zone, LiveClassifier classifier,
                             LiveContent content, long applied, String modelKey) {
        this.store = store;
        this.settings = settings;
        this.zone = zone;
        this.classifier = classifier;
        this.content = content;
        this.applied = applied;
        this.latestSeen = applied;
        this.appliedModelKey = modelKey;
        this.worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "content-follower");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Blocking start: bootstraps an empty store from the repository's files, then loads the current
     * version (its stored model, else {@code modelFile} when the version's utterances are the files'
     * own, else trains and stores it). Throws {@link IllegalArgumentException} when content does not load.
     */
    public static VersionedContent open(ContentStore store, ClassifierSettings settings, ZoneId zone, Path intentsDir,
                                        Path faqDir, Path modelFile) {
        ContentFiles disk = ContentFiles.read(intentsDir, faqDir);
        Content bootstrapped = null;
        if (store.head() == 0) {
            Content checked = validate(disk, zone);
            try {
                store.commit(0, disk, "system", "bootstrap: intents/ and faq/ from the repository");
                bootstrapped = checked;
                LOG.info("content store was empty: version 1 made from {} and {}", intentsDir, faqDir);
            } catch (StaleVersionException e) {
                LOG.info("another node bootstrapped the content store meanwhile");
            }
        }
        long head = store.head();
        ContentVersion v = store.version(head).orElseThrow(() -> new IllegalStateException("content version " + head + " missing"));
        ContentFiles files = store.files(v);
        String key = files.modelKey(settings.toString());
        IntentClassifier model = stored(store, key, settings).orElse(null);
        if (model == null && modelFile != null && key.equals(disk.modelKey(settings.toString()))) {
            try {
                model = IntentClassifier.load(modelFile, settings.threshold());
                LOG.info("intent model loaded from {} (it matches version {})", modelFile, head);
                store.putModel(key, model.toBytes());
            } catch (IOException e) {
                throw new IllegalArgumentException("MODEL_FILE could not be loaded: " + e.getMessage(), e);
            }
        } else if (model == null && modelFile != null) {
            LOG.warn("MODEL_FILE ignored: content version {} has other training utterances than the files it was made from", head);
        }
        Path root = files.writeToTemp("v" + head);
        try {
            if (model == null) {
                model = trainedOnce(store, settings, key, root.resolve("intents"), head);
            }
            // Loading answers is the slow part of a start (the retrieval index): the bootstrap's check already did it.
            Content c = bootstrapped != null && head == 1 ? bootstrapped : Content.load(root.resolve("faq"), zone, model.intents());
            VersionedContent vc = new VersionedContent(store, settings, zone, new LiveClassifier(model), new LiveContent(c), head, key);
            LOG.info("serving content version {}", head);
            return vc;
        } finally {
            ContentFiles.delete(root);
        }
    }

    /** Starts following: pub/sub events and a check every {@code every}. */
    public VersionedContent follow(Duration every) {
        store.listen(event -> request());
        worker.scheduleWithFixedDelay(this::request, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    public LiveClassifier classifier() {
        return classifier;
    }

    public LiveContent content() {
        return content;
    }

    public ContentStore store() {
        return store;
    }

    public long version() {
        return applied;
    }

    public Status status() {
        long latest = Math.max(latestSeen, applied);
        String state = training != null ? "training version " + training
                : waitingForModel != null ? "waiting for the model of version " + latest + " (trained on another node)"
                : latest > applied ? "loading version " + latest : "serving version " + applied;
        return new Status(applied, latest, state, training, problem);
    }

    /**
     * Applies {@code change} to a copy of the current version's files (under the root it is given:
     * {@code root/intents}, {@code root/faq}) and commits the result as the next version. With
     * {@code expected} non-null, refuses ({@link StaleVersionException}) unless that is still the
     * current version. Throws {@link IllegalArgumentException} when the result does not load or
     * nothing changed. Blocking.
     */
    public ContentVersion edit(Long expected, String author, String summary, Consumer<Path> change) {
        synchronized (editLock) { // one edit at a time on this node; across nodes the commit decides
            long head = store.head();
            if (expected != null && expected != head) {
                throw new StaleVersionException(expected, head);
            }
            ContentFiles current = store.files(store.version(head).orElseThrow());
            Path root = current.writeToTemp("edit");
            try {
                change.accept(root);
                ContentFiles next = ContentFiles.read(root.resolve("intents"), root.resolve("faq"));
                return commit(head, current, next, author, summary);
            } finally {
                ContentFiles.delete(root);
            }
        }
    }

    /** Makes the files of version {@code target} the next version ("restore"); refused when {@code expected} is stale. */
    public ContentVersion restore(long expected, long target, String author) {
        ContentVersion old = store.version(target).orElseThrow(() -> new IllegalArgumentException("no content version " + target));
        synchronized (editLock) {
            long head = store.head();
            if (expected != head) {
                throw new StaleVersionException(expected, head);
            }
            ContentFiles current = store.files(store.version(head).orElseThrow());
            return commit(head, current, store.files(old), author, "restored version " + target);
        }
    }

    /** Makes files edited on this node's disk the next version (the opt-in watcher); empty when they equal the current one. */
    public Optional<ContentVersion> importFiles(Path intentsDir, Path faqDir, String author) {
        synchronized (editLock) {
            long head = store.head();
            ContentFiles current = store.files(store.version(head).orElseThrow());
            ContentFiles next = ContentFiles.read(intentsDir, faqDir);
            if (next.changedPaths(current).isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(commit(head, current, next, author, "imported from the files on " + hostName()));
        }
    }

    private ContentVersion commit(long head, ContentFiles current, ContentFiles next, String author, String summary) {
        if (next.changedPaths(current).isEmpty()) {
            throw new IllegalArgumentException("nothing would change");
        }
        Content checked = validate(next, zone);
        ContentVersion v = store.commit(head, next, author, summary);
        LOG.info("content version {} committed by {}: {} ({} files changed)", v.number(), author, summary, v.changes().size());
        String key = next.modelKey(settings.toString());
        validated = new Validated(v.number(), key, checked);
        request();
        if (key.equals(appliedModelKey)) {
            // Only answers changed: the model is the one in use, so this node serves the version within
            // moments; wait for that, so whoever made the change sees it at once.
            awaitApplied(v.number(), Duration.ofSeconds(5));
        }
        return v;
    }

    /** A version this node checked before committing it: its loaded answers, reused when it is applied. */
    private record Validated(long version, String modelKey, Content content) {
    }

    private volatile Validated validated;

    private void awaitApplied(long n, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (applied < n && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Loads the files as the server would; throws {@link IllegalArgumentException} naming the problems. */
    static Content validate(ContentFiles files, ZoneId zone) {
        Path root = files.writeToTemp("check");
        try {
            IntentCorpus corpus = IntentCorpus.load(root.resolve("intents"));
            return Content.load(root.resolve("faq"), zone, corpus.intents());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        } finally {
            ContentFiles.delete(root);
        }
    }

    /** Asks the worker to catch up with the current version (coalesced: one pending check at most). */
    public void request() {
        if (queued.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    queued.set(false);
                    catchUp();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                queued.set(false); // closing
            }
        }
    }

    private void catchUp() {
        try {
            long head = store.head();
            latestSeen = head;
            if (head <= applied) {
                waitingForModel = null;
                return;
            }
            if (head == failedVersion) {
                return; // reported once; the next version may fix it
            }
            apply(head);
        } catch (RuntimeException e) {
            problem = e.getMessage();
            LOG.warn("could not follow the content store: {}", e.getMessage());
        }
    }

    private void apply(long n) {
        ContentVersion v = store.version(n).orElseThrow(() -> new IllegalStateException("content version " + n + " missing"));
        ContentFiles files = store.files(v);
        String key = files.modelKey(settings.toString());
        Path root = files.writeToTemp("v" + n);
        try {
            IntentClassifier model;
            if (key.equals(appliedModelKey)) {
                model = classifier.current();
            } else {
                Optional<IntentClassifier> stored = stored(store, key, settings);
                if (stored.isPresent()) {
                    model = stored.get();
                } else if (store.claimTraining(key, TRAINING_CLAIM)) {
                    training = n;
                    try {
                        model = trainAndStore(store, settings, key, root.resolve("intents"), n);
                    } finally {
                        training = null;
                    }
                } else {
                    waitingForModel = key; // another node trains it; its "model" event or the next check brings it
                    return;
                }
            }
            waitingForModel = null;
            Validated mine = validated;
            // Same files and same utterances as this node checked at commit: its loaded answers are these.
            Content next = mine != null && mine.version() == n && mine.modelKey().equals(key)
                    ? mine.content() : Content.load(root.resolve("faq"), zone, model.intents());
            validated = null;
            // The model first: every intent it can return has an answer in the old content and the new.
            classifier.swap(model);
            content.swap(next);
            appliedModelKey = key;
            applied = n;
            problem = null;
            LOG.info("now serving content version {} ({})", n, v.summary());
        } catch (IllegalArgumentException e) {
            problem = "version " + n + " does not load: " + e.getMessage();
            failedVersion = n;
            LOG.error("content version {} does not load; keeping version {}: {}", n, applied, e.getMessage());
        } finally {
            ContentFiles.delete(root);
        }
        if (store.head() > applied && problem == null) {
            request();
        }
    }

    /**
     * At start: the model of version {@code n}, trained here only if no other node has claimed it. Nodes started
     * together (a new deployment, a whole rollout) otherwise each trained it — minutes of every node's CPU. A node
     * that finds the training claimed waits for the stored model; if the claimer dies, its claim lapses
     * ({@link #TRAINING_CLAIM}) and this node takes it. Blocking.
     */
    private static IntentClassifier trainedOnce(ContentStore store, ClassifierSettings settings, String key, Path intents, long n) {
        boolean told = false;
        while (true) {
            if (store.claimTraining(key, TRAINING_CLAIM)) {
                return trainAndStore(store, settings, key, intents, n);
            }
            if (!told) {
                LOG.info("another node trains the model of content version {}; waiting for it", n);
                told = true;
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the model of content version " + n, e);
            }
            Optional<IntentClassifier> stored = stored(store, key, settings);
            if (stored.isPresent()) {
                LOG.info("intent model for content version {} loaded (trained by another node)", n);
                return stored.get();
            }
        }
    }

    private static IntentClassifier trainAndStore(ContentStore store, ClassifierSettings settings, String key, Path intents, long n) {
        long t0 = System.nanoTime();
        IntentClassifier model = IntentClassifier.train(IntentCorpus.load(intents).utterances(), settings);
        store.putModel(key, model.toBytes());
        LOG.info("intent model for content version {} trained in {} ms and stored", n, (System.nanoTime() - t0) / 1_000_000);
        return model;
    }

    private static Optional<IntentClassifier> stored(ContentStore store, String key, ClassifierSettings settings) {
        Optional<byte[]> bytes = store.model(key);
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(IntentClassifier.fromBytes(bytes.get(), settings.threshold()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("stored model {} does not load ({}); training instead", key, e.getMessage());
            return Optional.empty();
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "this node";
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        store.close();
    }

    /** Deletes nothing; for tests that want to see a version's files. */
    public ContentFiles files(long number) {
        return store.files(store.version(number).orElseThrow(() -> new IllegalArgumentException("no content version " + number)));
    }

}
