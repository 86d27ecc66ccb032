package kr.daejeon.battery.content;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Clock;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisContentStore;
import kr.daejeon.battery.support.RedisClusterSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The content store contract on a real 3-master Redis Cluster (content keys share the hash tag {content}). */
class ClusterContentStoreTest extends ContentStoreContract {

    private RedisClient client;

    @BeforeAll
    static void needsRedisServer() {
        assumeTrue(RedisClusterSetup.available(), "Debian's redis-server and redis-cli are not installed");
    }

    @Override
    protected ContentStore newStore() {
        client = RedisClusterSetup.sharedClient("cc" + Tokens.random(6));
        return new RedisContentStore(client, Clock.systemUTC());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
