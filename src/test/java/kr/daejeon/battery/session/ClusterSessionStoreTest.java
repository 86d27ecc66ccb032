package kr.daejeon.battery.session;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisSessionStore;
import kr.daejeon.battery.support.RedisClusterSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The conversation store contract on a real 3-master Redis Cluster: every step on the master of its conversation's slot. */
class ClusterSessionStoreTest extends SessionStoreContract {

    private final String prefix = "cs" + Tokens.random(6);
    private final List<RedisClient> clients = new ArrayList<>();

    @BeforeAll
    static void needsRedisServer() {
        assumeTrue(RedisClusterSetup.available(), "Debian's redis-server and redis-cli are not installed");
    }

    @Override
    protected SessionStore newStore(Duration ttl) {
        RedisClient client = RedisClusterSetup.sharedClient(prefix);
        clients.add(client);
        return new RedisSessionStore(client, ttl);
    }

    @Override
    protected SessionStore otherNode() {
        return newStore(shortTtl());
    }

    @Override
    protected void letTimePass(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RedisClient::close);
    }
}
