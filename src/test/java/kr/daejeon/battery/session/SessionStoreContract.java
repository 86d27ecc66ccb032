package kr.daejeon.battery.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One behaviour for every {@link SessionStore}: each implementation's test extends this. */
abstract class SessionStoreContract {

    protected SessionStore store;
    protected static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");

    /** A store whose idle conversations expire after {@code ttl}. */
    protected abstract SessionStore newStore(Duration ttl);

    /** Lets time pass for expiry: a clock move for memory, a real wait for Redis. */
    protected abstract void letTimePass(Duration d) throws InterruptedException;

    protected Duration shortTtl() {
        return Duration.ofSeconds(1);
    }

    @BeforeEach
    void open() {
        store = newStore(shortTtl());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static ConversationState state(String status) {
        String id = Tokens.random(18);
        return new ConversationState(id, Tokens.hash("t-" + id), "web", "ko", status, 0, T0, T0, List.of(), null, false, null, null, null, null);
    }

    static Message msg(String text) {
        return Message.bot(text, List.of("a"), List.of(), T0, "greeting");
    }

    @Test
    void createdConversationCanBeFoundWithItsMessages() {
        ConversationState s = state(ConversationState.BOT);
        List<Message> stored = store.create(s, List.of(msg("hello")));
        assertEquals(1, stored.get(0).id());
        assertEquals(s, store.find(s.id()).orElseThrow());
        List<Message> all = store.messagesAfter(s.id(), 0, 100);
        assertEquals(1, all.size());
        assertEquals("hello", all.get(0).text());
        assertEquals(List.of("a"), all.get(0).quickReplies());
    }

    @Test
    void unknownConversationIsAbsent() {
        assertTrue(store.find("nope").isEmpty());
        assertTrue(store.messagesAfter("nope", 0, 10).isEmpty());
    }

    @Test
    void appendAssignsConsecutiveIdsAndSavesState() {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("1")));
        ConversationState next = s.withTurn("en", ConversationState.BOT, 1, T0.plusSeconds(5));
        List<Message> stored = store.append(next, List.of(msg("2"), msg("3")));
        assertEquals(List.of(2L, 3L), stored.stream().map(Message::id).toList());
        assertEquals("en", store.find(s.id()).orElseThrow().locale());
        assertEquals(1, store.find(s.id()).orElseThrow().misses());
        assertEquals(List.of("3"), store.messagesAfter(s.id(), 2, 10).stream().map(Message::text).toList());
        assertEquals(List.of(3L), store.messagesAfter(s.id(), 2, 10).stream().map(Message::id).toList());
        assertEquals(List.of("1", "2"), store.messagesAfter(s.id(), 0, 2).stream().map(Message::text).toList());
        assertTrue(store.messagesAfter(s.id(), 3, 10).isEmpty());
        assertTrue(store.messagesAfter(s.id(), 99, 10).isEmpty());
    }

    @Test
    void textSurvivesExactly() {
        ConversationState s = state(ConversationState.BOT);
        String tricky = "<img src=x onerror=alert(1)> \"따옴표\" \\ \u0000 😀 " + "가".repeat(2000);
        store.create(s, List.of(msg(tricky)));
        assertEquals(tricky, store.messagesAfter(s.id(), 0, 1).get(0).text());
    }

    @Test
    void lockSerializesConcurrentTurnsSoNoneIsLost() throws Exception {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        int turns = 24;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                int n = i;
                futures.add(pool.submit(() -> store.withLock(s.id(), () -> {
                    ConversationState current = store.find(s.id()).orElseThrow();
                    // A read-modify-write of the state: without the lock, increments get lost.
                    ConversationState next = current.withTurn("ko", ConversationState.BOT, current.misses() + 1, T0);
                    return store.append(next, List.of(msg("q" + n), msg("a" + n)));
                })));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEveryTurnCountedOnceInOrder(s.id(), turns);
    }

    /**
     * {@code turns} read-modify-writes of the state all counted (none lost), and the transcript the greeting
     * then each question directly followed by its own answer, ids 1, 2, 3… (turns did not interleave).
     */
    private List<Message> assertEveryTurnCountedOnceInOrder(String id, int turns) {
        assertEquals(turns, store.find(id).orElseThrow().misses());
        List<Message> all = store.messagesAfter(id, 0, 1000);
        assertEquals(1 + 2 * turns, all.size());
        for (int i = 1; i < all.size(); i += 2) {
            assertEquals("a" + all.get(i).text().substring(1), all.get(i + 1).text());
        }
        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).id());
        }
        return all;
    }

    /**
     * Another server node on the same backing store (Redis), or this store again when the store lives in
     * one process; closed by the caller when it is not {@link #store}.
     */
    protected SessionStore otherNode() {
        return store;
    }

    @Test
    void plannedTurnsFromTwoNodesNeverLoseAnUpdate() throws Exception {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        SessionStore other = otherNode();
        int turns = 40;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Message>>> futures = new ArrayList<>();
            for (int i = 0; i < turns; i++) {
                int n = i;
                SessionStore node = i % 2 == 0 ? store : other;
                // Every third turn goes the locked way (as a turn that opens a ticket does), racing the planned ones.
                boolean viaLock = i % 3 == 0;
                futures.add(pool.submit(() -> viaLock ? lockedIncrement(node, s.id(), n) : plannedIncrement(node, s.id(), n)));
            }
            for (Future<List<Message>> f : futures) {
                List<Message> acked = f.get();
                assertEquals(2, acked.size());
                assertEquals(acked.get(0).id() + 1, acked.get(1).id());
            }
        } finally {
            pool.shutdownNow();
            if (other != store) {
                other.close();
            }
        }
        // A plan committed over a newer state would lose an increment.
        assertEveryTurnCountedOnceInOrder(s.id(), turns);
    }

    /** What ChatService does: plan from the snapshot, plan again when stale, take the lock when busy. */
    static List<Message> plannedIncrement(SessionStore node, String id, int n) {
        Snapshot at = node.read(id).orElseThrow();
        for (int attempt = 0; attempt < 3; attempt++) {
            CommitResult r = node.commit(TurnCommit.planned(at, counted(at.state()), List.of(msg("q" + n), msg("a" + n))));
            if (r instanceof CommitResult.Committed c) {
                return c.stored();
            }
            if (r instanceof CommitResult.Stale stale) {
                at = stale.current();
            } else {
                assertTrue(r instanceof CommitResult.Busy, r.toString());
                break;
            }
        }
        return lockedIncrement(node, id, n);
    }

    static List<Message> lockedIncrement(SessionStore node, String id, int n) {
        return node.withLock(id, held -> ((CommitResult.Committed) node.commit(TurnCommit.underLock(held,
                counted(held.state().orElseThrow()), List.of(msg("q" + n), msg("a" + n))))).stored());
    }

    @Test
    void aPlannedTurnOverAChangedConversationIsStaleAndGetsTheCurrentState() {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        Snapshot old = store.read(s.id()).orElseThrow();
        assertEquals(1, old.version());
        store.append(counted(s), List.of(msg("elsewhere")));
        CommitResult r = store.commit(TurnCommit.planned(old, counted(old.state()), List.of(msg("q"))));
        Snapshot current = ((CommitResult.Stale) r).current();
        assertEquals(2, current.version());
        assertEquals(1, current.state().misses());
        assertEquals(2, store.messagesAfter(s.id(), 0, 10).size(), "nothing stored");
        CommitResult again = store.commit(TurnCommit.planned(current, counted(current.state()), List.of(msg("q"))));
        assertEquals(List.of(3L), ((CommitResult.Committed) again).stored().stream().map(Message::id).toList());
        assertEquals(2, store.find(s.id()).orElseThrow().misses());
    }

    @Test
    void aPlannedTurnWhileTheLockIsHeldIsBusyAndOneUnderTheLockIsStored() throws Exception {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        Snapshot at = store.read(s.id()).orElseThrow();
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch checked = new java.util.concurrent.CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<CommitResult> underLock = pool.submit(() -> store.withLock(s.id(), held -> {
                locked.countDown();
                await(checked);
                return store.commit(TurnCommit.underLock(held, counted(held.state().orElseThrow()), List.of(msg("q"))));
            }));
            await(locked);
            assertTrue(store.commit(TurnCommit.planned(at, counted(at.state()), List.of(msg("q"))))
                    instanceof CommitResult.Busy);
            checked.countDown();
            assertTrue(underLock.get() instanceof CommitResult.Committed);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, store.messagesAfter(s.id(), 0, 10).size());
        // The commit released the lock: the next turn has it at once.
        assertEquals("ok", store.withLock(s.id(), () -> "ok"));
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, java.util.concurrent.TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aTurnAgainUnderTheSameKeyIsReplayedAndStoresNothing() {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        TurnRecord record = new TurnRecord("web:k1", "{\"intent\":\"x\"}");
        Snapshot at = store.read(s.id()).orElseThrow();
        CommitResult first = store.commit(TurnCommit.planned(at, counted(at.state()), List.of(msg("q"), msg("a")))
                .recordedAs(record));
        assertTrue(first instanceof CommitResult.Committed);
        Snapshot now = store.read(s.id()).orElseThrow();
        CommitResult retry = store.commit(TurnCommit.planned(now, counted(now.state()), List.of(msg("q"), msg("a")))
                .recordedAs(record));
        assertEquals(new StoredTurn(2, 2, record.summary()), ((CommitResult.Replayed) retry).earlier());
        assertEquals(3, store.messagesAfter(s.id(), 0, 10).size());
        assertEquals(java.util.Optional.of(new StoredTurn(2, 2, record.summary())), store.storedTurn(s.id(), "web:k1"));
    }

    @Test
    void aTurnOverItsConversationsLimitIsRefusedAndStoresNothing() {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        List<TurnCommit.Charge> twoAMinute = List.of(new TurnCommit.Charge("conversation", 2));
        for (int i = 0; i < 2; i++) {
            Snapshot at = store.read(s.id()).orElseThrow();
            assertTrue(store.commit(TurnCommit.planned(at, counted(at.state()), List.of(msg("q" + i))).charging(twoAMinute))
                    instanceof CommitResult.Committed);
        }
        Snapshot at = store.read(s.id()).orElseThrow();
        CommitResult refused = store.commit(TurnCommit.planned(at, counted(at.state()), List.of(msg("q"))).charging(twoAMinute));
        CommitResult.Limited limited = (CommitResult.Limited) refused;
        assertEquals("conversation", limited.scope());
        assertTrue(limited.retryAfterSeconds() >= 1);
        CommitResult locked = store.withLock(s.id(), held -> store.commit(TurnCommit.underLock(held,
                counted(held.state().orElseThrow()), List.of(msg("q"))).charging(twoAMinute)));
        assertTrue(locked instanceof CommitResult.Limited, "the same bucket under the lock");
        assertEquals(3, store.messagesAfter(s.id(), 0, 10).size(), "refused turns stored nothing");
        assertEquals(2, store.find(s.id()).orElseThrow().misses());
        // Another conversation has a bucket of its own.
        ConversationState t = state(ConversationState.BOT);
        store.create(t, List.of(msg("start")));
        Snapshot other = store.read(t.id()).orElseThrow();
        assertTrue(store.commit(TurnCommit.planned(other, counted(other.state()), List.of(msg("q"))).charging(twoAMinute))
                instanceof CommitResult.Committed);
        assertEquals("ok", store.withLock(s.id(), () -> "ok"), "a refused commit under the lock left it released");
    }

    @Test
    void aTurnOnAConversationThatIsGoneIsGone() {
        assertTrue(store.read("nope").isEmpty());
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("start")));
        Snapshot at = store.read(s.id()).orElseThrow();
        assertTrue(store.delete(s.id()));
        assertTrue(store.commit(TurnCommit.planned(at, counted(at.state()), List.of(msg("q")))) instanceof CommitResult.Gone);
        assertTrue(store.find(s.id()).isEmpty(), "nothing was written back");
    }

    private static ConversationState counted(ConversationState current) {
        return current.withTurn("ko", ConversationState.BOT, current.misses() + 1, T0);
    }

    @Test
    void idleConversationExpires() throws Exception {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("x")));
        letTimePass(shortTtl().multipliedBy(3));
        assertTrue(store.find(s.id()).isEmpty());
        assertTrue(store.messagesAfter(s.id(), 0, 10).isEmpty());
    }

    @Test
    void activityKeepsConversationAlive() throws Exception {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("x")));
        letTimePass(shortTtl().dividedBy(2));
        store.append(s, List.of(msg("y")));
        letTimePass(shortTtl().dividedBy(2).plusMillis(300));
        assertTrue(store.find(s.id()).isPresent());
    }

    @Test
    void conversationWithStaffIsKeptUntilResolved() throws Exception {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("x")));
        store.append(s.withTurn("ko", ConversationState.WAITING, 0, T0), List.of(msg("handoff")));
        letTimePass(shortTtl().multipliedBy(3));
        assertTrue(store.find(s.id()).isPresent());
        assertEquals(2, store.messagesAfter(s.id(), 0, 10).size());
        // Resolved: back to the bot, and idle expiry applies again.
        store.append(s.withTurn("ko", ConversationState.BOT, 0, T0), List.of(msg("resolved")));
        letTimePass(shortTtl().multipliedBy(3));
        assertFalse(store.find(s.id()).isPresent());
    }

    @Test
    void pingAnswers() {
        assertTrue(store.ping());
    }

    @Test
    void workInsideLockPropagatesItsException() {
        ConversationState s = state(ConversationState.BOT);
        store.create(s, List.of(msg("x")));
        assertThrows(IllegalArgumentException.class, () -> store.withLock(s.id(), () -> {
            throw new IllegalArgumentException("boom");
        }));
        // The lock was released: the next turn gets it at once.
        assertEquals("ok", store.withLock(s.id(), () -> "ok"));
    }
}
