package kr.daejeon.battery.feedback;

import kr.daejeon.battery.infra.redis.RedisRatingStore;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The rating contract against a real Redis server; every test uses its own key prefix. */
class RedisRatingStoreTest extends RatingStoreContract {

    private RedisClient client;

    @Override
    protected RatingStore newStore() {
        client = new RedisClient(TestRedis.shared().url(), "fb" + Tokens.random(6), 4, Duration.ofSeconds(2));
        return new RedisRatingStore(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void ratingsExpireAndTwoNodesShareThem() {
        store.put(rating("c9", 4, AnswerRating.DOWN, 0));
        try (Jedis j = TestRedis.shared().client()) {
            assertTrue(j.ttl(client.prefix() + ":feedback:c9:4") > Duration.ofDays(364).toSeconds());
        }
        RedisRatingStore other = new RedisRatingStore(client);
        assertTrue(other.recentDown(5).stream().anyMatch(r -> r.conversationId().equals("c9")));
    }
}
