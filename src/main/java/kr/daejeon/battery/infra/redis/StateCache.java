package kr.daejeon.battery.infra.redis;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import kr.daejeon.battery.conversation.ConversationState;

/**
 * The states of conversations that had a turn on this node recently, each with the version (message
 * count) it had in Redis, so that the next turn can skip reading it: the commit script refuses a stale
 * version and hands back the current state. Only a shortcut, never the truth — a wrong entry costs a
 * retry, not a lost update — and bounded in size and idle time, so idle conversations cost no heap.
 */
final class StateCache {

    record Entry(ConversationState state, long version) {
    }

    private record Timed(Entry entry, long usedAt) {
    }

    private final int maxEntries;
    private final long idleMillis;
    private final LongSupplier millis;
    private final LinkedHashMap<String, Timed> entries = new LinkedHashMap<>(16, 0.75f, true);

    StateCache(int maxEntries, Duration idle, LongSupplier millis) {
        this.maxEntries = maxEntries;
        this.idleMillis = idle.toMillis();
        this.millis = millis;
    }

    /** The cached entry, or null when there is none or it was idle too long. */
    synchronized Entry get(String id) {
        Timed t = entries.get(id);
        if (t == null) {
            return null;
        }
        long now = millis.getAsLong();
        if (now - t.usedAt > idleMillis) {
            entries.remove(id);
            return null;
        }
        entries.put(id, new Timed(t.entry, now));
        return t.entry;
    }

    synchronized void put(String id, ConversationState state, long version) {
        if (maxEntries == 0) {
            return;
        }
        long now = millis.getAsLong();
        entries.put(id, new Timed(new Entry(state, version), now));
        // Least recently used first: drop the idle ones from the front, then whatever exceeds the bound.
        Iterator<Map.Entry<String, Timed>> it = entries.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Timed> e = it.next();
            if (entries.size() <= maxEntries && now - e.getValue().usedAt <= idleMillis) {
                break;
            }
            it.remove();
        }
    }

    synchronized void remove(String id) {
        entries.remove(id);
    }

    synchronized int size() {
        return entries.size();
    }
}
