package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisTicketStore;
import kr.daejeon.battery.support.RedisClusterSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The ticket contract on a real 3-master Redis Cluster: tickets, queues and indexes live in different slots. */
class ClusterTicketStoreTest extends TicketStoreContract {

    private RedisClient client;

    @BeforeAll
    static void needsRedisServer() {
        assumeTrue(RedisClusterSetup.available(), "Debian's redis-server and redis-cli are not installed");
    }

    @Override
    protected TicketStore newStore() {
        client = RedisClusterSetup.sharedClient("ct" + Tokens.random(6));
        return new RedisTicketStore(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
