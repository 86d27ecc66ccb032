package kr.daejeon.battery.session;

import kr.daejeon.battery.infra.memory.InMemorySessionStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.support.MutableClock;
import org.junit.jupiter.api.Test;

class InMemorySessionStoreTest extends SessionStoreContract {

    private final MutableClock clock = new MutableClock(T0);

    @Override
    protected SessionStore newStore(Duration ttl) {
        return new InMemorySessionStore(ttl, 1000, clock);
    }

    @Override
    protected void letTimePass(Duration d) {
        clock.advance(d);
    }

    @Test
    void boundedByEvictingIdleConversationsButNeverThoseWithStaffOrInUse() {
        InMemorySessionStore small = new InMemorySessionStore(Duration.ofHours(1), 100, clock);
        ConversationState withStaff = state(ConversationState.WAITING);
        small.create(withStaff, List.of(msg("staff")));
        ConversationState inUse = state(ConversationState.BOT);
        small.create(inUse, List.of(msg("hello")));
        List<ConversationState> created = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            clock.advance(Duration.ofSeconds(1));
            ConversationState s = state(ConversationState.BOT);
            small.create(s, List.of(msg("m")));
            created.add(s);
            if (i % 10 == 0) {
                // The customer keeps talking while the flood goes on.
                small.append(small.find(inUse.id()).orElseThrow(), List.of(msg("q" + i), msg("a" + i)));
            }
        }
        // Conversations with staff weigh nothing: the bound is on the others.
        assertTrue(small.size() <= 100 + 1, "size " + small.size());
        assertTrue(small.find(withStaff.id()).isPresent());
        assertTrue(small.find(inUse.id()).isPresent(), "a flood of new idle conversations does not push out one in use");
        assertTrue(small.find(created.get(249).id()).isPresent(), "the newest is kept");
        assertTrue(created.stream().filter(s -> small.find(s.id()).isPresent()).count() < 100);
    }

    /** Issue 20 #4: conversations with staff ignored the bound; once they alone fill it, new ones are refused. */
    @Test
    void conversationsWithStaffCannotGrowTheStoreWithoutEnd() {
        InMemorySessionStore small = new InMemorySessionStore(Duration.ofHours(1), 100, clock);
        for (int i = 0; i < 100; i++) {
            ConversationState s = state(ConversationState.BOT);
            small.create(s, List.of(msg("m")));
            small.append(s.withTurn("ko", ConversationState.WAITING, 0, T0), List.of(msg("handoff")));
        }
        assertThrows(StoreFullException.class, () -> small.create(state(ConversationState.BOT), List.of(msg("m"))));
        assertEquals(100, small.size(), "all conversations with staff kept, nothing beyond the bound");
    }

    @Test
    void sweepRemovesExpired() {
        InMemorySessionStore s = new InMemorySessionStore(Duration.ofMinutes(30), 1000, clock);
        for (int i = 0; i < 5; i++) {
            s.create(state(ConversationState.BOT), List.of(msg("m")));
        }
        clock.advance(Duration.ofMinutes(31));
        assertEquals(5, s.evictExpired());
        assertEquals(0, s.size());
    }
}
