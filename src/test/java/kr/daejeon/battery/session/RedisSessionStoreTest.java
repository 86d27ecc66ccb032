package kr.daejeon.battery.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.util.JedisClusterCRC16;

/** The contract against a real Redis server (embedded redis-server binary, or REDIS_URL). */
class RedisSessionStoreTest extends SessionStoreContract {

    @Override
    protected SessionStore newStore(Duration ttl) {
        return new RedisSessionStore(TestRedis.shared().url(), "test", ttl, 12, Duration.ofSeconds(2));
    }

    @Override
    protected void letTimePass(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void keysUseOneHashTagPerConversationAndCarryTtl() {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("x")));
        try (Jedis j = TestRedis.shared().client()) {
            String state = "test:{" + s.id() + "}:state";
            String msgs = "test:{" + s.id() + "}:msgs";
            assertTrue(j.exists(state));
            assertTrue(j.exists(msgs));
            assertTrue(j.ttl(state) > 0 && j.ttl(msgs) > 0);
            assertEquals(JedisClusterCRC16.getSlot(state), JedisClusterCRC16.getSlot(msgs));
            assertEquals(JedisClusterCRC16.getSlot(state), JedisClusterCRC16.getSlot("test:{" + s.id() + "}:lock"));
            // The token is never stored in clear.
            assertFalse(j.get(state).contains("t-" + s.id()));
        }
    }

    @Test
    void unreachableRedisIsReportedAsUnavailable() {
        int port = TestRedis.freePort();
        try (RedisSessionStore dead = new RedisSessionStore("redis://127.0.0.1:" + port, "x", Duration.ofMinutes(1), 2,
                Duration.ofMillis(300))) {
            assertFalse(dead.ping());
            assertThrows(StoreUnavailableException.class, () -> dead.find("abc"));
            assertThrows(StoreUnavailableException.class, () -> dead.create(state(ConversationState.BOT), List.of(msg("m"))));
        }
    }
}
