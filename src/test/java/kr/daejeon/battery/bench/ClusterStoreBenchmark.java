package kr.daejeon.battery.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import kr.daejeon.battery.config.RedisSettings;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisSessionStore;
import kr.daejeon.battery.session.CommitResult;
import kr.daejeon.battery.session.Snapshot;
import kr.daejeon.battery.session.TurnCommit;
import kr.daejeon.battery.support.RedisClusterSetup;
import kr.daejeon.battery.support.SentinelSetup;

/**
 * Store-level turns per second on one Redis and on a 3-master cluster, same run, same machine: each thread owns
 * conversations and commits planned turns (the web turn's commit script with the conversation's rate-limit charge),
 * as {@code ChatService} does, without HTTP or the engine. Prints a Markdown row per topology and their ratio; on a
 * shared machine only the ratio means something. {@code bash bench/cluster.sh} (about a minute).
 */
public final class ClusterStoreBenchmark {

    public static void main(String[] args) throws Exception {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 16;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int port = SentinelSetup.freePort();
        Process single = new ProcessBuilder(RedisClusterSetup.REDIS_SERVER, "--port", Integer.toString(port), "--bind",
                "127.0.0.1", "--save", "", "--appendonly", "no").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try (RedisClusterSetup cluster = RedisClusterSetup.start(3, 0)) {
            Thread.sleep(500);
            RedisSettings one = RedisSettings.single("redis://127.0.0.1:" + port, "bench", threads, Duration.ofSeconds(2));
            RedisSettings three = RedisSettings.cluster(List.of(cluster.seeds().split(",")), "bench", threads, Duration.ofSeconds(2));
            run(one, threads, 3); // warm-up (JIT)
            run(three, threads, 3);
            double a = run(one, threads, seconds);
            double b = run(three, threads, seconds);
            System.out.println("| topology | threads | turns/s |");
            System.out.println("| --- | --- | --- |");
            System.out.printf("| one Redis | %d | %.0f |%n", threads, a);
            System.out.printf("| 3-master cluster | %d | %.0f |%n", threads, b);
            System.out.printf("cluster / one Redis = %.2f%n", b / a);
        } finally {
            single.destroyForcibly();
        }
    }

    private static double run(RedisSettings settings, int threads, int seconds) throws Exception {
        AtomicLong turns = new AtomicLong();
        try (RedisClient client = new RedisClient(settings, () -> { });
             RedisSessionStore store = new RedisSessionStore(client, Duration.ofMinutes(10), 10_000, Duration.ofDays(1), null)) {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Thread w = new Thread(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 20; i++) {
                        ConversationState s = ConversationState.start(Tokens.random(18), Tokens.hash("x"), "web", "ko", Instant.now());
                        store.create(s, List.of(msg("안녕하세요")));
                        mine.add(s.id());
                    }
                    List<TurnCommit.Charge> charge = List.of(new TurnCommit.Charge("conversation", 10_000_000));
                    int k = 0;
                    while (System.nanoTime() < end) {
                        String id = mine.get(k++ % mine.size());
                        Snapshot at = store.read(id).orElseThrow();
                        CommitResult r = store.commit(TurnCommit.planned(at, at.state(), List.of(msg("q"), msg("a")))
                                .charging(charge));
                        if (r instanceof CommitResult.Committed) {
                            turns.incrementAndGet();
                        }
                    }
                });
                w.start();
                workers.add(w);
            }
            long start = System.nanoTime();
            for (Thread w : workers) {
                w.join();
            }
            return turns.get() / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static Message msg(String text) {
        return Message.bot(text, List.of(), List.of(), Instant.now(), "greeting");
    }
}
