package kr.daejeon.battery.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    void boundedByEvictingLongestIdleConversationsButNeverThoseWithStaff() {
        InMemorySessionStore small = new InMemorySessionStore(Duration.ofHours(1), 100, clock);
        ConversationState withStaff = state(ConversationState.WAITING);
        small.create(withStaff, List.of(msg("staff")));
        List<ConversationState> created = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            clock.advance(Duration.ofSeconds(1));
            ConversationState s = state(ConversationState.BOT);
            small.create(s, List.of(msg("m")));
            created.add(s);
        }
        assertTrue(small.size() <= 100, "size " + small.size());
        assertTrue(small.find(withStaff.id()).isPresent());
        assertTrue(small.find(created.get(249).id()).isPresent());
        assertTrue(small.find(created.get(0).id()).isEmpty());
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
