package kr.daejeon.battery.session;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/**
 * The zero-setup store for local runs and single-node installs. Bounded: idle conversations expire after the
 * TTL, and beyond {@code maxConversations} the cache (Caffeine: O(1) per new conversation, frequency-aware, so a
 * flood of new idle conversations does not push out those in use) evicts conversations not with staff.
 * Conversations with staff weigh nothing and are kept until resolved (at most the retention period after their
 * last turn); when they alone fill the bound, new
 * conversations are refused ({@link StoreFullException}) rather than let the heap grow without end.
 */
public final class InMemorySessionStore implements SessionStore {

    private static final long LOCK_WAIT_MS = 10_000;

    private final Cache<String, Slot> slots;
    private final Duration ttl;
    private final int maxConversations;
    private final Clock clock;

    /** How long a conversation with staff is kept after its last turn when nobody resolves it. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    public InMemorySessionStore(Duration ttl, int maxConversations, Clock clock) {
        this(ttl, maxConversations, clock, DEFAULT_RETENTION);
    }

    /** @param retention how long a conversation with staff is kept after its last turn (the privacy policy) */
    public InMemorySessionStore(Duration ttl, int maxConversations, Clock clock, Duration retention) {
        this.ttl = ttl;
        this.maxConversations = maxConversations;
        this.clock = clock;
        long ttlNanos = ttl.toNanos();
        long retentionNanos = retention.toNanos();
        this.slots = Caffeine.newBuilder()
                .maximumWeight(maxConversations)
                .weigher((String id, Slot slot) -> slot.handoff ? 0 : 1)
                .expireAfter(new Expiry<String, Slot>() {
                    @Override
                    public long expireAfterCreate(String id, Slot slot, long now) {
                        return slot.handoff ? retentionNanos : ttlNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String id, Slot slot, long now, long current) {
                        return slot.handoff ? retentionNanos : ttlNanos;
                    }

                    @Override
                    public long expireAfterRead(String id, Slot slot, long now, long current) {
                        // Reading does not keep a conversation alive; only its turns do (as with Redis TTLs).
                        return current;
                    }
                })
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                // Eviction work on the writing thread: bounded per write, and the bound holds when create returns.
                .executor(Runnable::run)
                .build();
    }

    private static final class Slot {
        final ReentrantLock lock = new ReentrantLock();
        final List<Message> messages = new ArrayList<>();
        /** Turns stored under an idempotency key: the key's turn, kept as long as the conversation. */
        final Map<String, StoredTurn> turns = new java.util.HashMap<>();
        ConversationState state;
        /** The state's {@link ConversationState#isHandoff()}, as the cache last weighed it. */
        volatile boolean handoff;
    }

    @Override
    public List<Message> create(ConversationState state, List<Message> messages) {
        if (handoffs() >= maxConversations) {
            throw new StoreFullException("the memory store holds " + maxConversations
                    + " conversations with staff; resolve some or raise MEMORY_MAX_CONVERSATIONS");
        }
        Slot slot = new Slot();
        List<Message> stored;
        synchronized (slot) {
            slot.state = state;
            slot.handoff = state.isHandoff();
            stored = appendTo(slot, messages);
        }
        if (slots.asMap().putIfAbsent(state.id(), slot) != null) {
            throw new IllegalStateException("conversation id already exists");
        }
        return stored;
    }

    /** Conversations with staff: in the cache but weighing nothing. */
    private long handoffs() {
        long weighted = slots.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
        return slots.estimatedSize() - weighted;
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
            slot.handoff = state.isHandoff();
            stored = appendTo(slot, messages);
            if (record != null) {
                slot.turns.put(record.key(), new StoredTurn(stored.get(0).id(), stored.size(), record.summary()));
            }
        }
        // Written again: the cache restarts its idle time and weighs it anew (a conversation with staff weighs 0).
        slots.asMap().replace(state.id(), slot, slot);
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

    @Override
    public boolean delete(String id) {
        return slots.asMap().remove(id) != null;
    }

    /** Drops idle conversations past their TTL; called periodically by the server. Returns how many went. */
    public int evictExpired() {
        long before = slots.estimatedSize();
        slots.cleanUp();
        return (int) Math.max(0, before - slots.estimatedSize());
    }

    public int size() {
        slots.cleanUp();
        return (int) slots.estimatedSize();
    }

    @Override
    public void close() {
        slots.invalidateAll();
    }

    private Slot live(String id) {
        return slots.getIfPresent(id);
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
