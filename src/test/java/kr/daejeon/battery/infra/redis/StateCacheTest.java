package kr.daejeon.battery.infra.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import kr.daejeon.battery.conversation.ConversationState;
import org.junit.jupiter.api.Test;

/** The node's cache of recent conversation states stays bounded in size and idle time. */
class StateCacheTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private StateCache cache(int max) {
        return new StateCache(max, Duration.ofMinutes(5), now::get);
    }

    private static ConversationState state() {
        String id = kr.daejeon.battery.conversation.Tokens.random(18);
        java.time.Instant t0 = java.time.Instant.parse("2027-03-01T00:00:00Z");
        return new ConversationState(id, kr.daejeon.battery.conversation.Tokens.hash("t-" + id), "web", "ko",
                ConversationState.BOT, 0, t0, t0, java.util.List.of(), null, false, null, null, null, null);
    }

    @Test
    void theLeastRecentlyUsedGoesFirstWhenFull() {
        StateCache c = cache(2);
        c.put("a", state(), 1);
        c.put("b", state(), 1);
        now.addAndGet(10);
        assertNotNull(c.get("a"), "a used again: b is now the least recent");
        c.put("c", state(), 1);
        assertEquals(2, c.size());
        assertNotNull(c.get("a"));
        assertNull(c.get("b"));
        assertEquals(1, c.get("c").version());
    }

    @Test
    void idleEntriesAreDroppedOnReadAndOnTheNextWrite() {
        StateCache c = cache(100);
        c.put("a", state(), 3);
        c.put("b", state(), 4);
        now.addAndGet(Duration.ofMinutes(5).toMillis() + 1);
        assertNull(c.get("a"));
        assertEquals(1, c.size());
        c.put("c", state(), 1);
        assertEquals(1, c.size(), "b was idle too long and went with the write");
    }

    @Test
    void sizeZeroKeepsNothing() {
        StateCache c = cache(0);
        c.put("a", state(), 1);
        assertNull(c.get("a"));
        assertEquals(0, c.size());
    }
}
