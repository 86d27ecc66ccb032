package kr.daejeon.battery.content;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisContentStore;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The content store contract on a real Redis; each test has its own prefix. Two stores on one Redis are two nodes. */
class RedisContentStoreTest extends ContentStoreContract {

    private RedisClient client;

    @Override
    protected ContentStore newStore() {
        client = new RedisClient(TestRedis.shared().url(), "cs" + Tokens.random(6), 8, Duration.ofSeconds(2));
        return new RedisContentStore(client, Clock.systemUTC());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void anotherNodeHearsOfANewVersion() throws Exception {
        RedisContentStore other = new RedisContentStore(client, Clock.systemUTC());
        try {
            CountDownLatch heard = new CountDownLatch(1);
            other.listen(e -> {
                if (e.equals("1")) {
                    heard.countDown();
                }
            });
            Thread.sleep(300); // subscribed (a missed event is caught by the followers' periodic check anyway)
            store.commit(0, files("faq/a.yaml", "a\n"), "system", "bootstrap");
            assertTrue(heard.await(5, TimeUnit.SECONDS));
            assertEquals(1, other.head());
        } finally {
            other.close();
        }
    }
}
