package kr.daejeon.battery.content;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Issue 21 #4, "the model trained once per version": two nodes started at the same time on an empty store (a fresh
 * deployment, or every pod of a rollout at once) trained the bootstrap version's model each — minutes of both nodes'
 * CPU on a small machine (the operator trial of 2026-12-02 saw 210 s and 219 s). Each stored model is announced on
 * the content channel, so the announcements count the trainings.
 */
class ModelTrainedOnceAtStartTest {

    @Test
    void twoNodesStartingTogetherTrainTheFirstVersionsModelOnce() throws Exception {
        try (TestRedis redis = TestRedis.ownInstance(); Jedis listener = redis.client()) {
            List<String> models = new CopyOnWriteArrayList<>();
            CountDownLatch subscribed = new CountDownLatch(1);
            JedisPubSub sub = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int count) {
                    subscribed.countDown();
                }

                @Override
                public void onMessage(String channel, String message) {
                    if (message.startsWith("model:")) {
                        models.add(message);
                    }
                }
            };
            Thread t = new Thread(() -> listener.subscribe(sub, "once:content:events"));
            t.setDaemon(true);
            t.start();
            subscribed.await(10, TimeUnit.SECONDS);

            // No saved model (so each node must train or wait) and few iterations (so a training takes seconds).
            Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", redis.url(), "REDIS_KEY_PREFIX", "once",
                    "MODEL_FILE", "", "CLASSIFIER_ITERATIONS", "10"));
            CompletableFuture<TestServer> a = CompletableFuture.supplyAsync(() -> TestServer.start(env));
            CompletableFuture<TestServer> b = CompletableFuture.supplyAsync(() -> TestServer.start(env));
            try (TestServer one = a.get(600, TimeUnit.SECONDS); TestServer two = b.get(600, TimeUnit.SECONDS)) {
                assertEquals(200, one.get("/ready", null).statusCode());
                assertEquals(200, two.get("/ready", null).statusCode());
                Thread.sleep(500); // the last announcement on its way
                assertEquals(1, models.size(), "models trained and stored at start: " + models);
            } finally {
                sub.unsubscribe();
            }
        }
    }
}
