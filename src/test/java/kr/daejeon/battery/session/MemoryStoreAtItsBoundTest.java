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
 * Issue 20 #4 at scale: 5,000 creations beyond a bound of 20,000, with 2,000 conversations with staff that eviction
 * must step over, keep the store at its bound plus the staff conversations. How fast a creation at the bound is
 * (it sorted the whole store once: 10 → 105 ms per creation at 10k) is measured by {@code MemoryStoreBenchmark}
 * (JMH), not asserted here: speed belongs in benchmarks.
 */
class MemoryStoreAtItsBoundTest {

    private static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");
    private static final List<Message> GREETING = List.of(Message.bot("hello", List.of(), List.of(), T0, "greeting"));
    private int ids;

    @Test
    void creationsBeyondTheBoundKeepTheBoundAndTheStaffConversations() {
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
        for (int i = 0; i < 5_000; i++) {
            store.create(next(), GREETING);
        }
        assertTrue(store.size() <= bound + 2_000 + 1, "size " + store.size());
        assertTrue(store.size() >= bound, "idle conversations are evicted only to make room: size " + store.size());
    }

    private ConversationState next() {
        return ConversationState.start("c" + (++ids), "hash", "web", "ko", T0);
    }
}
