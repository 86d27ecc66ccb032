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
            CappedList<String> learned = new CappedList<>(clientA, "learned", 2, String.class);
            ConversationState s = state(ConversationState.BOT);
            a.create(s, List.of(msg("start")));
            List<Integer> seen = new java.util.ArrayList<>();
            plannedIncrement(a, s.id(), seen, null);
            j.configResetStat();
            plannedIncrement(a, s.id(), seen, new ListEntry<>(learned, "first question"));
            // Commands a script runs are counted too; what the client sent is the script calls.
            assertEquals(1L, commandCounts(j).get("evalsha"), "a continuing turn: one script call, no read first");
            assertEquals(null, commandCounts(j).get("multi"), "the entry was recorded by the same script");
            assertEquals(List.of("first question"), learned.recent(10));
            plannedIncrement(b, s.id(), seen, null);
            j.configResetStat();
            plannedIncrement(a, s.id(), seen, new ListEntry<>(learned, "second"));
            // a's copy (misses 2) was stale: the commit refused it and handed over b's state (misses 3).
            assertEquals(List.of(0, 1, 2, 2, 3), seen);
            assertEquals(2L, commandCounts(j).get("evalsha"), "the refused commit and the one that stored");
            plannedIncrement(a, s.id(), seen, new ListEntry<>(learned, "third"));
            assertEquals(List.of("third", "second"), learned.recent(10), "newest first, capped");
            assertEquals(5, a.find(s.id()).orElseThrow().misses());
            assertEquals(11, a.messagesAfter(s.id(), 0, 100).size());
        }
    }

    @Test
    void aCachedConversationThatExpiredInRedisIsGone() {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        plannedIncrement(store, s.id(), new java.util.ArrayList<>(), null);
        try (Jedis j = TestRedis.shared().client()) {
            // What expiry does to both keys, while this node still has the state cached.
            j.del("test:{" + s.id() + "}:state", "test:{" + s.id() + "}:msgs");
        }
        List<String> seen = new java.util.ArrayList<>();
        IllegalStateException gone = assertThrows(IllegalStateException.class, () -> store.planTurn(s.id(),
                PipelinedCheck.NONE, new RecordingFeed(), found -> {
                    seen.add(found.isPresent() ? "present" : "absent");
                    if (found.isEmpty()) {
                        throw new IllegalStateException("absent");
                    }
                    return new TurnPlan<>(found.get(), List.of(msg("q")), stored -> stored);
                }, found -> List.of()));
        // The plan from the cached copy is refused by the commit ('gone'); the plan then sees no conversation.
        assertEquals("absent", gone.getMessage());
        assertEquals(List.of("present", "absent"), seen);
        assertFalse(store.find(s.id()).isPresent(), "nothing was written back");
    }

    private static void plannedIncrement(SessionStore node, String id, List<Integer> seen, ListEntry<?> alsoRecord) {
        node.planTurn(id, PipelinedCheck.NONE, new RecordingFeed(), found -> {
            ConversationState current = found.orElseThrow();
            seen.add(current.misses());
            return new TurnPlan<>(current.withTurn("ko", ConversationState.BOT, current.misses() + 1, T0),
                    List.of(msg("q"), msg("a")), stored -> stored, alsoRecord);
        }, found -> {
            throw new AssertionError("no lock is needed");
        });
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
