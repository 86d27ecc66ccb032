package kr.daejeon.battery.bench;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.infra.memory.InMemorySessionStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 20 #4: the memory store at its bound. Each new conversation beyond the bound used to sort the whole
 * store (10k: 105 ms per creation through HTTP); with the cache it is O(1) whatever the bound. Not part of the
 * test suite:
 * {@code java -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.openjdk.jmh.Main MemoryStoreBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class MemoryStoreBenchmark {

    @Param({"10000", "100000"})
    public int bound;

    private InMemorySessionStore store;
    private final AtomicLong ids = new AtomicLong();
    private static final Instant T0 = Instant.parse("2027-03-01T00:00:00Z");
    private static final List<Message> GREETING = List.of(Message.bot("hello", List.of(), List.of(), T0, "greeting"));

    @Setup
    public void fill() {
        store = new InMemorySessionStore(Duration.ofMinutes(30), bound, Clock.systemUTC());
        for (int i = 0; i < bound; i++) {
            createOne();
        }
        // A tenth of the bound are with staff: they weigh nothing and must be stepped over by eviction.
        for (int i = 0; i < bound / 10; i++) {
            ConversationState s = newState();
            store.create(s, GREETING);
            store.append(s.withTurn("ko", ConversationState.WAITING, 0, T0), GREETING);
        }
    }

    /** A new conversation in a full store (evicts one). */
    @Benchmark
    public List<Message> createAtBound() {
        return createOne();
    }

    /** A new conversation at the bound and one turn in it. */
    @Benchmark
    public List<Message> createAndTurnAtBound() {
        ConversationState s = newState();
        store.create(s, GREETING);
        return store.append(s.withTurn("ko", ConversationState.BOT, 0, T0), GREETING);
    }

    private List<Message> createOne() {
        return store.create(newState(), GREETING);
    }

    private ConversationState newState() {
        String id = "c" + ids.incrementAndGet();
        return ConversationState.start(id, "hash", "web", "ko", T0);
    }
}
