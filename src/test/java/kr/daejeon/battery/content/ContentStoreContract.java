package kr.daejeon.battery.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every content store must do, in memory and in Redis: compare-and-set versions, history, texts, models, events. */
abstract class ContentStoreContract {

    protected ContentStore store;

    protected abstract ContentStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static ContentFiles files(String... pathsAndTexts) {
        TreeMap<String, String> m = new TreeMap<>();
        for (int i = 0; i < pathsAndTexts.length; i += 2) {
            m.put(pathsAndTexts[i], pathsAndTexts[i + 1]);
        }
        return new ContentFiles(m);
    }

    @Test
    void versionsAreMadeByCompareAndSetWithWhoWhenAndWhatChanged() {
        assertEquals(0, store.head());
        ContentVersion v1 = store.commit(0, files("faq/a.yaml", "a: 1\n", "intents/x.yaml", "x\n"), "system", "bootstrap");
        assertEquals(1, v1.number());
        assertEquals(2, v1.changes().size());
        ContentVersion v2 = store.commit(1, files("faq/a.yaml", "a: 2\n", "intents/x.yaml", "x\n"), "boss", "answer");
        assertEquals(List.of(new ContentVersion.FileChange("faq/a.yaml", ContentFiles.sha256("a: 1\n"), ContentFiles.sha256("a: 2\n"))),
                v2.changes());
        StaleVersionException stale = assertThrows(StaleVersionException.class,
                () -> store.commit(1, files("faq/a.yaml", "a: 3\n"), "kim", "lost?"));
        assertEquals(2, stale.current);
        assertEquals(2, store.head(), "a stale commit writes nothing");
        List<ContentVersion> history = store.history(10);
        assertEquals(List.of(2L, 1L), history.stream().map(ContentVersion::number).toList());
        assertEquals("boss", history.get(0).author());
        assertTrue(history.get(0).manifest().isEmpty(), "lists carry no manifests");
        assertEquals("a: 2\n", store.files(store.version(2).orElseThrow()).files().get("faq/a.yaml"));
        assertEquals("a: 1\n", store.files(store.version(1).orElseThrow()).files().get("faq/a.yaml"));
        assertTrue(store.version(3).isEmpty());
    }

    @Test
    void concurrentCommitsOnOneBaseLeaveExactlyOneWinner() throws Exception {
        store.commit(0, files("faq/a.yaml", "a: 0\n"), "system", "bootstrap");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        AtomicInteger won = new AtomicInteger();
        List<Future<?>> all = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 8; i++) {
            int n = i;
            all.add(pool.submit(() -> {
                go.await();
                try {
                    store.commit(1, files("faq/a.yaml", "a: " + (n + 1) + "\n"), "admin" + n, "edit " + n);
                    won.incrementAndGet();
                } catch (StaleVersionException e) {
                    // expected for all but one
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : all) {
            f.get();
        }
        pool.shutdown();
        assertEquals(1, won.get());
        assertEquals(2, store.head());
        ContentVersion v2 = store.version(2).orElseThrow();
        String text = store.files(v2).files().get("faq/a.yaml");
        assertEquals("a: " + (Integer.parseInt(v2.author().substring(5)) + 1) + "\n", text, "the record names the change it carries");
    }

    @Test
    void modelsAreStoredAsBytesAndTrainedByOneClaimant() throws Exception {
        CountDownLatch heard = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        store.listen(e -> {
            events.add(e);
            if (e.equals("model:k1")) {
                heard.countDown();
            }
        });
        byte[] model = new byte[300_000];
        for (int i = 0; i < model.length; i++) {
            model[i] = (byte) (i * 31);
        }
        assertTrue(store.claimTraining("k1", Duration.ofMinutes(1)));
        assertFalse(store.claimTraining("k1", Duration.ofMinutes(1)), "one trainer per model");
        store.putModel("k1", model);
        assertTrue(java.util.Arrays.equals(model, store.model("k1").orElseThrow()));
        assertTrue(store.model("other").isEmpty());
        assertTrue(heard.await(5, java.util.concurrent.TimeUnit.SECONDS), "nodes hear of a stored model: " + events);
    }

    @Test
    void textsAreLookedUpByHash() {
        store.commit(0, files("faq/a.yaml", "안녕\n"), "system", "bootstrap");
        String h = ContentFiles.sha256("안녕\n");
        assertEquals(Map.of(h, "안녕\n"), store.texts(List.of(h, ContentFiles.sha256("nope"))));
    }
}
