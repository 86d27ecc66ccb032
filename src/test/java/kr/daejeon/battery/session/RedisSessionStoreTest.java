package kr.daejeon.battery.session;

import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisSessionStore;
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
    protected SessionStore otherNode() {
        return newStore(shortTtl());
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
    void aContinuingTurnIsOneCallToRedisAndAChangeOnAnotherNodeIsNoticed() {
        // A Redis of its own, so its command counts are this test's alone.
        try (TestRedis own = TestRedis.ownInstance();
             RedisClient clientA = new RedisClient(own.url(), "rt", 4, Duration.ofSeconds(2));
             RedisSessionStore a = new RedisSessionStore(clientA, Duration.ofMinutes(5));
             RedisSessionStore b = new RedisSessionStore(own.url(), "rt", Duration.ofMinutes(5), 4, Duration.ofSeconds(2));
             Jedis j = own.client()) {
            ConversationState s = state(ConversationState.BOT);
            a.create(s, List.of(msg("start")));
            List<Integer> seen = new java.util.ArrayList<>();
            plannedIncrement(a, s.id(), seen);
            j.configResetStat();
            plannedIncrement(a, s.id(), seen);
            // Commands a script runs are counted too; what the client sent is the script calls.
            assertEquals(1L, commandCounts(j).get("evalsha"), "a continuing turn: one script call, no read first");
            assertEquals(null, commandCounts(j).get("multi"));
            plannedIncrement(b, s.id(), seen);
            j.configResetStat();
            plannedIncrement(a, s.id(), seen);
            // a's copy (misses 2) was stale: the commit refused it and handed over b's state (misses 3).
            assertEquals(List.of(0, 1, 2, 2, 3), seen);
            assertEquals(2L, commandCounts(j).get("evalsha"), "the refused commit and the one that stored");
            assertEquals(4, a.find(s.id()).orElseThrow().misses());
            assertEquals(9, a.messagesAfter(s.id(), 0, 100).size());
        }
    }

    @Test
    void everyKeyATurnTouchesIsInItsConversationsSlot() {
        try (TestRedis own = TestRedis.ownInstance();
             RedisSessionStore a = new RedisSessionStore(own.url(), "sl", Duration.ofMinutes(5), 4, Duration.ofSeconds(2));
             Jedis j = own.client()) {
            ConversationState s = state(ConversationState.BOT);
            a.create(s, List.of(msg("start")));
            TurnRecord record = new TurnRecord("web:k", "{}");
            List<TurnCommit.Charge> charge = List.of(new TurnCommit.Charge("conversation", 30));
            Snapshot at = a.read(s.id()).orElseThrow();
            a.commit(TurnCommit.planned(at, at.state(), List.of(msg("q"))).recordedAs(record).charging(charge));
            a.withLock(s.id(), held -> a.commit(TurnCommit.underLock(held, held.state().orElseThrow(), List.of(msg("r")))
                    .charging(charge)));
            java.util.Set<String> keys = j.keys("sl:*");
            assertEquals(java.util.Set.of("sl:{" + s.id() + "}:state", "sl:{" + s.id() + "}:msgs", "sl:{" + s.id() + "}:turns",
                    "sl:rl:conversation:{" + s.id() + "}"), keys);
            int slot = JedisClusterCRC16.getSlot("sl:{" + s.id() + "}:state");
            for (String key : keys) {
                assertEquals(slot, JedisClusterCRC16.getSlot(key), key);
            }
        }
    }

    @Test
    void aCachedConversationThatExpiredInRedisIsGone() {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        plannedIncrement(store, s.id(), new java.util.ArrayList<>());
        try (Jedis j = TestRedis.shared().client()) {
            // What expiry does to both keys, while this node still has the state cached.
            j.del("test:{" + s.id() + "}:state", "test:{" + s.id() + "}:msgs");
        }
        Snapshot cached = store.read(s.id()).orElseThrow();
        assertTrue(store.commit(TurnCommit.planned(cached, cached.state(), List.of(msg("q")))) instanceof CommitResult.Gone);
        assertTrue(store.read(s.id()).isEmpty(), "the cached copy was dropped");
        assertFalse(store.find(s.id()).isPresent(), "nothing was written back");
    }

    private static void plannedIncrement(SessionStore node, String id, List<Integer> seen) {
        Snapshot at = node.read(id).orElseThrow();
        while (true) {
            seen.add(at.state().misses());
            CommitResult r = node.commit(TurnCommit.planned(at, at.state().withTurn("ko", ConversationState.BOT,
                    at.state().misses() + 1, T0), List.of(msg("q"), msg("a"))));
            if (r instanceof CommitResult.Committed) {
                return;
            }
            at = ((CommitResult.Stale) r).current();
        }
    }

    /** Calls per command since the last CONFIG RESETSTAT, leaving out this test's own INFO and CONFIG. */
    private static java.util.Map<String, Long> commandCounts(Jedis j) {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        for (String line : j.info("commandstats").split("\r?\n")) {
            var m = java.util.regex.Pattern.compile("^cmdstat_([^:]+):calls=(\\d+)").matcher(line);
            if (m.find() && !m.group(1).startsWith("config") && !m.group(1).equals("info")) {
                counts.put(m.group(1), Long.parseLong(m.group(2)));
            }
        }
        return counts;
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
