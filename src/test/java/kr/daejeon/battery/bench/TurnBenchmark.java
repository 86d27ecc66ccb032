package kr.daejeon.battery.bench;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.conversation.ConversationEngine;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.TurnResult;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's whole turn (not part of the test suite; see docs/performance.md): {@code ConversationEngine.respond}
 * on the first turn of a conversation, cycling through the held-out questions the load benchmark asks — profile
 * extraction, understanding, answer choice and rendering, without HTTP or a store.
 * {@code java -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.openjdk.jmh.Main TurnBenchmark}
 * On a machine shared with other work JMH's wall-clock times say more about the neighbours; {@link #main} measures the
 * same turns in this thread's CPU time, for A/B runs of two builds.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TurnBenchmark {

    private static final Instant NOW = Instant.parse("2026-12-08T01:00:00Z");

    private ConversationEngine engine;
    private List<String> questions;
    private ConversationState start;
    private int next;

    @Setup
    public void setUp() throws Exception {
        engine = BenchEngine.build();
        questions = BenchEngine.heldOutQuestions();
        start = ConversationState.start("benchconversation1", "hash", "web", "ko", NOW);
    }

    @Benchmark
    public TurnResult respond() {
        next = (next + 1) % questions.size();
        return engine.respond(start, questions.get(next), NOW);
    }

    /**
     * CPU time of this thread per turn over {@code rounds} passes of the held-out questions (after as many passes of
     * warm-up), one line per pass, and a digest of every reply: two builds that answer alike print the same digest.
     * {@code java -cp … kr.daejeon.battery.bench.TurnBenchmark [rounds]}
     */
    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        TurnBenchmark b = new TurnBenchmark();
        b.setUp();
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < rounds; i++) {
            for (String q : b.questions) {
                b.engine.respond(b.start, q, NOW);
            }
        }
        List<Double> perTurn = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long a0 = threads.getCurrentThreadAllocatedBytes();
            for (String q : b.questions) {
                TurnResult r = b.engine.respond(b.start, q, NOW);
                if (i == 0) {
                    digest.update((r.intent() + "|" + r.replies().stream().map(m -> m.text() + m.answerId()).toList())
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            double us = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / b.questions.size();
            perTurn.add(us);
            System.out.printf("pass %d: %.0f µs CPU per turn, %.0f KB allocated per turn%n", i + 1, us,
                    (threads.getCurrentThreadAllocatedBytes() - a0) / 1024.0 / b.questions.size());
        }
        java.util.Collections.sort(perTurn);
        System.out.printf("%d questions, median %.0f µs CPU per turn (min %.0f, max %.0f); replies digest %s%n",
                b.questions.size(), perTurn.get(perTurn.size() / 2), perTurn.get(0), perTurn.get(perTurn.size() - 1),
                java.util.HexFormat.of().formatHex(digest.digest()).substring(0, 16));
    }
}
