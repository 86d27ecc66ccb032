package kr.daejeon.battery.infra.memory;

import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.session.CommitResult;
import kr.daejeon.battery.session.Snapshot;
import kr.daejeon.battery.session.TurnCommit;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.session.StoreBusyException;
import kr.daejeon.battery.session.StoreFullException;
import kr.daejeon.battery.session.StoredTurn;
import kr.daejeon.battery.session.TurnRecord;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;

/**
 * The zero-setup store for local runs and single-node installs. Bounded: idle conversations expire after the
 * TTL, and beyond {@code maxConversations} a cache (Caffeine: O(1) per new conversation, frequency-aware, so a
 * flood of new idle conversations does not push out those in use) evicts conversations not with staff.
 * Conversations with staff are kept apart, never evicted, until resolved (at most the retention period after their
 * last turn); when they alone reach the bound, new conversations are refused ({@link StoreFullException}) rather
 * than let the heap grow without end. (Kept apart rather than weighing 0 in the cache: the cache's eviction steps
 * over zero-weight entries one by one, which made each new conversation cost time in proportion to the
 * conversations with staff — measured with {@code MemoryStoreBenchmark}.)
 */
public final class InMemorySessionStore implements SessionStore {

    private static final long LOCK_WAIT_MS = 10_000;
    /** How long a conversation with staff is kept after its last turn when nobody resolves it. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(90);

    /** Conversations without staff. */
    private final Cache<String, Slot> slots;
    /** Conversations with staff: never evicted, bounded by refusing new conversations. */
    private final Map<String, Slot> withStaff = new ConcurrentHashMap<>();
    private final Duration ttl;
    private final Duration retention;
    private final int maxConversations;
    private final Clock clock;
    private final MessageFeed feed;
    /** The conversations' rate-limit buckets, one limiter per charge (scope and rate); swept with the conversations. */
    private final Map<TurnCommit.Charge, LocalRateLimiter> buckets = new ConcurrentHashMap<>();

    public InMemorySessionStore(Duration ttl, int maxConversations, Clock clock) {
        this(ttl, maxConversations, clock, DEFAULT_RETENTION);
    }

    /** @param retention how long a conversation with staff is kept after its last turn (the privacy policy) */
    public InMemorySessionStore(Duration ttl, int maxConversations, Clock clock, Duration retention) {
        this(ttl, maxConversations, clock, retention, MessageFeed.NONE);
    }

    /** @param feed where committed turns are announced (see {@link TurnCommit#announce()}) */
    public InMemorySessionStore(Duration ttl, int maxConversations, Clock clock, Duration retention, MessageFeed feed) {
        this.feed = feed;
        this.ttl = ttl;
        this.retention = retention;
        this.maxConversations = maxConversations;
        this.clock = clock;
        this.slots = Caffeine.newBuilder()
                .maximumSize(maxConversations)
                // Written at creation and at every turn: reading does not keep a conversation alive (as with Redis TTLs).
                .expireAfterWrite(ttl)
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
        volatile long lastActiveMillis;
    }

    @Override
    public List<Message> create(ConversationState state, List<Message> messages) {
        if (withStaff.size() >= maxConversations) {
            throw new StoreFullException("the memory store holds " + maxConversations
                    + " conversations with staff; resolve some or raise MEMORY_MAX_CONVERSATIONS");
        }
        Slot slot = new Slot();
        List<Message> stored;
        synchronized (slot) {
            slot.state = state;
            slot.lastActiveMillis = clock.millis();
            stored = appendTo(slot, messages);
        }
        Map<String, Slot> home = state.isHandoff() ? withStaff : slots.asMap();
        if (live(state.id()) != null || home.putIfAbsent(state.id(), slot) != null) {
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
    public Optional<Snapshot> read(String id) {
        Slot slot = live(id);
        if (slot == null) {
            return Optional.empty();
        }
        synchronized (slot) {
            return Optional.of(new Snapshot(slot.state, slot.messages.size()));
        }
    }

    /** The lock of one slot, held by the thread that runs the locked work. */
    private record Held(String conversationId, Optional<ConversationState> state) implements SessionStore.Held {
    }

    @Override
    public <T> T withLock(String id, Function<SessionStore.Held, T> work) {
        Slot slot = live(id);
        if (slot == null) {
            return work.apply(new Held(id, Optional.empty()));
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
            return work.apply(new Held(id, find(id)));
        } finally {
            slot.lock.unlock();
        }
    }

    @Override
    public List<Message> append(ConversationState state, List<Message> messages) {
        Slot slot = live(state.id());
        if (slot == null) {
            throw new IllegalStateException("conversation expired: " + state.id());
        }
        List<Message> stored;
        synchronized (slot) {
            stored = store(slot, state, messages, null);
        }
        place(state, slot);
        return stored;
    }

    /**
     * Under the slot's monitor: the version check (planned turns), the idempotency record, the charges, then the
     * append. A planned turn is refused ({@link CommitResult.Busy}) while another thread holds the slot's lock.
     */
    @Override
    public CommitResult commit(TurnCommit commit) {
        Slot slot = live(commit.conversationId());
        if (slot == null) {
            return new CommitResult.Gone();
        }
        List<Message> stored;
        synchronized (slot) {
            if (commit.record() != null && slot.turns.containsKey(commit.record().key())) {
                return new CommitResult.Replayed(slot.turns.get(commit.record().key()));
            }
            if (commit.held() == null) {
                if (slot.lock.isLocked() && !slot.lock.isHeldByCurrentThread()) {
                    return new CommitResult.Busy();
                }
                if (slot.messages.size() != commit.basedOn().version()) {
                    return new CommitResult.Stale(new Snapshot(slot.state, slot.messages.size()));
                }
            }
            for (TurnCommit.Charge charge : commit.charges()) {
                int wait = buckets.computeIfAbsent(charge, c -> new LocalRateLimiter(c.perMinute(), () -> { }))
                        .peek(commit.conversationId());
                if (wait > 0) {
                    return new CommitResult.Limited(charge.scope(), wait);
                }
            }
            for (TurnCommit.Charge charge : commit.charges()) {
                buckets.get(charge).take(commit.conversationId());
            }
            stored = store(slot, commit.next(), commit.messages(), commit.record());
        }
        place(commit.next(), slot);
        if (commit.announce()) {
            feed.publish(commit.conversationId(), stored);
        }
        return new CommitResult.Committed(stored);
    }

    private List<Message> store(Slot slot, ConversationState state, List<Message> messages, TurnRecord record) {
        slot.state = state;
        slot.lastActiveMillis = clock.millis();
        List<Message> stored = appendTo(slot, messages);
        if (record != null) {
            slot.turns.put(record.key(), new StoredTurn(stored.get(0).id(), stored.size(), record.summary()));
        }
        return stored;
    }

    /**
     * Placed again: this restarts its idle time, and moves it between the cache and the conversations with staff
     * (always present in one of them, never lost in between).
     */
    private void place(ConversationState state, Slot slot) {
        if (state.isHandoff()) {
            withStaff.put(state.id(), slot);
            slots.asMap().remove(state.id(), slot);
        } else {
            slots.put(state.id(), slot);
            withStaff.remove(state.id(), slot);
        }
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
        boolean a = withStaff.remove(id) != null;
        boolean b = slots.asMap().remove(id) != null;
        return a || b;
    }

    /**
     * Drops idle conversations past their TTL and conversations with staff untouched for the retention period;
     * called periodically by the server. Returns how many went.
     */
    @Override
    public int evictExpired() {
        long before = slots.estimatedSize();
        slots.cleanUp();
        int removed = (int) Math.max(0, before - slots.estimatedSize());
        for (Map.Entry<String, Slot> e : withStaff.entrySet()) {
            if (pastRetention(e.getValue()) && withStaff.remove(e.getKey(), e.getValue())) {
                removed++;
            }
        }
        buckets.values().forEach(LocalRateLimiter::sweep);
        return removed;
    }

    public int size() {
        slots.cleanUp();
        return (int) slots.estimatedSize() + withStaff.size();
    }

    @Override
    public void close() {
        slots.invalidateAll();
        withStaff.clear();
    }

    private Slot live(String id) {
        Slot slot = withStaff.get(id);
        if (slot != null) {
            if (pastRetention(slot)) {
                withStaff.remove(id, slot);
                return null;
            }
            return slot;
        }
        return slots.getIfPresent(id);
    }

    private boolean pastRetention(Slot slot) {
        return clock.millis() - slot.lastActiveMillis > retention.toMillis();
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
