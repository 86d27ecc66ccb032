package kr.daejeon.battery.feedback;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisRatingStore;
import kr.daejeon.battery.support.RedisClusterSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The rating contract on a real 3-master Redis Cluster: each rating is a key of its own slot. */
class ClusterRatingStoreTest extends RatingStoreContract {

    private RedisClient client;

    @BeforeAll
    static void needsRedisServer() {
        assumeTrue(RedisClusterSetup.available(), "Debian's redis-server and redis-cli are not installed");
    }

    @Override
    protected RatingStore newStore() {
        client = RedisClusterSetup.sharedClient("cr" + Tokens.random(6));
        return new RedisRatingStore(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
