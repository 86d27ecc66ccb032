package kr.daejeon.battery.session;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/**
 * The zero-setup store for local runs and single-node installs. Bounded: idle conversations
 * expire after the TTL, and beyond {@code maxConversations} the longest-idle conversations
 * not with staff are evicted first, so it cannot exhaust the heap.
 */
public final class InMemorySessionStore implements SessionStore {

    private static final long LOCK_WAIT_MS = 10_000;

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final int maxConversations;
    private final Clock clock;

    public InMemorySessionStore(Duration ttl, int maxConversations, Clock clock) {
        this.ttl = ttl;
        this.maxConversations = maxConversations;
        this.clock = clock;
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final List<Message> messages = new ArrayList<>();
        /** Turns stored under an idempotency key: the key's turn, kept as long as the conversation. */
        final Map<String, StoredTurn> turns = new java.util.HashMap<>();
        ConversationState state;
        long lastActiveMillis;
    }

    @Override
    public List<Message> create(ConversationState state, List<Message> messages) {
        if (slots.size() >= maxConversations) {
            evictExpired();
            evictOldest(slots.size() - maxConversations + 1);
        }
        Slot slot = new Slot();
        List<Message> stored;
        synchronized (slot) {
            slot.state = state;
            slot.lastActiveMillis = clock.millis();
            stored = appendTo(slot, messages);
        }
        if (slots.putIfAbsent(state.id(), slot) != null) {
            throw new IllegalStateException("conversation id already exists");
        }
        return stored;
    }

    @Override
    public Optional<ConversationState> find(String id) {
        Slot slot = live(id);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return Optional.of(slot.state);
        }
    }

    @Override
    public <T> T withLock(String id, Supplier<T> work) {
        Slot slot = live(id);
        if (slot == null) {
            return work.get();
        }
        boolean locked;
        try {
            locked = slot.lock.tryLock(LOCK_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusyException("interrupted while waiting for conversation lock");
        }
        if (!locked) {
            throw new StoreBusyException("conversation is busy");
        }
        try {
            return work.get();
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public List<Message> append(ConversationState state, List<Message> messages, TurnRecord record, CommitWrite write) {
        Slot slot = live(state.id());
        if (slot == null) {
            throw new IllegalStateException("conversation expired: " + state.id());
        }
        List<Message> stored;
        synchronized (slot) {
            slot.state = state;
            slot.lastActiveMillis = clock.millis();
            stored = appendTo(slot, messages);
            if (record != null) {
                slot.turns.put(record.key(), new StoredTurn(stored.get(0).id(), stored.size(), record.summary()));
            }
        }
        if (write != null) {
            write.writeSeparately();
        }
        return stored;
    }

    @Override
    public Optional<StoredTurn> storedTurn(String id, String key) {
        Slot slot = live(id);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return Optional.ofNullable(slot.turns.get(key));
        }
    }

    @Override
    public List<Message> messagesAfter(String id, long afterId, int limit) {
        Slot slot = live(id);
        if (slot == null) {
            return List.of();
        }
        synchronized (slot) {
            int from = (int) Math.max(0, Math.min(afterId, slot.messages.size()));
            int to = (int) Math.min(slot.messages.size(), (long) from + limit);
            return List.copyOf(slot.messages.subList(from, to));
        }
    }

    @Override
    public boolean ping() {
        return true;
    }

    /** Drops idle conversations past their TTL; called periodically by the server. */
    public int evictExpired() {
        int removed = 0;
        for (Map.Entry<String, Slot> e : slots.entrySet()) {
            if (isExpired(e.getValue()) && slots.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        return removed;
    }

    public int size() {
        return slots.size();
    }

    @Override
    public void close() {
        slots.clear();
    }

    private void evictOldest(int count) {
        if (count <= 0) {
            return;
        }
        slots.entrySet().stream()
                .filter(e -> !snapshot(e.getValue()).isHandoff())
                .sorted(Comparator.comparingLong(e -> lastActive(e.getValue())))
                .limit(count)
                .forEach(e -> slots.remove(e.getKey(), e.getValue()));
    }

    private Slot live(String id) {
        Slot slot = slots.get(id);
        if (slot != null && isExpired(slot)) {
            slots.remove(id, slot);
            return null;
        }
        return slot;
    }

    private boolean isExpired(Slot slot) {
        synchronized (slot) {
            return !slot.state.isHandoff() && clock.millis() - slot.lastActiveMillis > ttl.toMillis();
        }
    }

    private static ConversationState snapshot(Slot slot) {
        synchronized (slot) {
            return slot.state;
        }
    }

    private static long lastActive(Slot slot) {
        synchronized (slot) {
            return slot.lastActiveMillis;
        }
    }

    private static List<Message> appendTo(Slot slot, List<Message> messages) {
        List<Message> stored = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Message withId = m.withId(slot.messages.size() + 1L);
            slot.messages.add(withId);
            stored.add(withId);
        }
        return stored;
    }
}
