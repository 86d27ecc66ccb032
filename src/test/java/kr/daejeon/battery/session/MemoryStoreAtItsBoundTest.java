package kr.daejeon.battery.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.infra.memory.InMemorySessionStore;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 #4, the speed half (the bound half is in {@link InMemorySessionStoreTest}): each new conversation at the
 * bound sorted the whole store, so a creation cost O(n log n) — 10 → 105 ms at 10k through HTTP, timeouts at 30k.
 * Here 5,000 creations beyond a bound of 20,000 (with 2,000 conversations with staff, which eviction must step over):
 * sorting 20,000 entries each time takes tens of seconds, an O(1) or O(log n) eviction milliseconds. The limit is
 * generous for a shared, loaded machine and still far below what a per-creation sort needs.
 * (MemoryStoreBenchmark measures it properly.)
 */
class MemoryStoreAtItsBoundTest {

    private static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");
    private static final List<Message> GREETING = List.of(Message.bot("hello", List.of(), List.of(), T0, "greeting"));
    private int ids;

    @Test
    void creationsBeyondTheBoundStayCheap() {
        int bound = 20_000;
        InMemorySessionStore store = new InMemorySessionStore(Duration.ofMinutes(30), bound, Clock.systemUTC());
        for (int i = 0; i < bound; i++) {
            store.create(next(), GREETING);
        }
        for (int i = 0; i < 2_000; i++) {
            ConversationState s = next();
            store.create(s, GREETING);
            store.append(s.withTurn("ko", ConversationState.WAITING, 0, T0), GREETING);
        }
        long t0 = System.nanoTime();
        for (int i = 0; i < 5_000; i++) {
            store.create(next(), GREETING);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5_000, "5,000 creations at the bound took " + ms + " ms");
        assertTrue(store.size() <= bound + 2_000 + 1, "size " + store.size());
    }

    private ConversationState next() {
        return ConversationState.start("c" + (++ids), "hash", "web", "ko", T0);
    }
}
