package kr.daejeon.battery.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import kr.daejeon.battery.conversation.ConversationEngine;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.conversation.TurnResult;
import kr.daejeon.battery.infra.redis.FeedChannels;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisSessionStore;
import kr.daejeon.battery.infra.redis.TrivialCommit;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.session.TurnCommit;
import redis.clients.jedis.params.SetParams;

/**
 * The load benchmark's yardsticks (bench/run.sh, not part of the test suite), all on the product's stack — Vert.x,
 * unordered executeBlocking on 8 workers, the same Jedis pool — each the least a request of its kind can cost:
 * <ul>
 *   <li>{@code GET /}: one GET and one SET of a 1 KB value (the GET+SET ceiling);</li>
 *   <li>{@code GET /commit}: the product's own commit of a real turn — the Redis store's {@code commit} with its
 *       commit script, the conversation's rate-limit charge and live-feed channels, the state and messages the engine
 *       computed for a held-out question (computed once at start-up, so no understanding is paid per request): the
 *       commit ceiling;</li>
 *   <li>{@code GET /trivial}: the same keys and arguments sent to a script that only counts them;</li>
 *   <li>{@code POST /api/…}: a bare Vert.x JSON echo on the event loop (parse the body, answer a JSON document),
 *       no Redis — the yardstick of the memory-mode turn, which wrk drives with the same requests.</li>
 * </ul>
 * Usage: {@code CeilingServer PORT REDIS_URL [BODIES_FILE [CONVERSATIONS]]} (bodies: bench/questions.py's lines).
 */
public final class CeilingServer {

    private static final String VALUE = "x".repeat(1024);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CeilingServer() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        RedisClient redis = new RedisClient(args[1], "ceiling", 12, Duration.ofSeconds(2));
        RealTurns turns = args.length > 2
                ? RealTurns.prepare(redis, Files.readAllLines(Path.of(args[2]), StandardCharsets.UTF_8),
                        args.length > 3 ? Integer.parseInt(args[3]) : 2000)
                : null;
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(8));
        vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1")).requestHandler(req -> {
            String path = req.path();
            if (path.startsWith("/api/")) {
                req.body().onSuccess(body -> {
                    JsonObject in = body.toJsonObject();
                    req.response().putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("ok", true).put("text", in.getString("text")).encode());
                });
            } else if (path.equals("/commit") && turns != null) {
                onWorker(vertx, req, turns::commit);
            } else if (path.equals("/trivial") && turns != null) {
                onWorker(vertx, req, turns::trivial);
            } else {
                onWorker(vertx, req, () -> redis.call(j -> {
                    String key = "ceiling:" + ThreadLocalRandom.current().nextInt(10_000);
                    String old = j.get(key);
                    j.set(key, VALUE, SetParams.setParams().ex(600));
                    return old == null ? 0 : old.length();
                }));
            }
        }).listen().toCompletionStage().toCompletableFuture().join();
        System.out.println("ceiling listening on " + port);
    }

    private static void onWorker(Vertx vertx, HttpServerRequest req, Callable<Object> work) {
        vertx.executeBlocking(work, false).onComplete(ar -> {
            if (ar.succeeded()) {
                req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true,\"had\":\"" + ar.result() + "\"}");
            } else {
                req.response().setStatusCode(503).end("{\"error\":{\"code\":\"redis\",\"message\":\"" + ar.cause() + "\"}}");
            }
        });
    }

    /**
     * Conversations in the product's Redis store, each with the next state and messages of a real first turn on a
     * held-out question (as ChatService stores them: the user's message, then the replies). Requests take them in
     * turn, so with a pool far larger than the connections no two commits race for one conversation.
     */
    private static final class RealTurns {
        private final RedisClient redis;
        private final RedisSessionStore store;
        private final List<String> ids = new ArrayList<>();
        private final List<ConversationState> next = new ArrayList<>();
        private final List<List<Message>> messages = new ArrayList<>();
        /** The web turn's conversation charge, at the rate bench/run.sh gives the server. */
        private final List<TurnCommit.Charge> charge = List.of(new TurnCommit.Charge("conversation", 100_000));
        private final AtomicInteger counter = new AtomicInteger();

        private RealTurns(RedisClient redis) {
            this.redis = redis;
            this.store = new RedisSessionStore(redis, Duration.ofMinutes(30), 10_000, Duration.ofDays(1),
                    FeedChannels.of(redis.prefix()));
        }

        static RealTurns prepare(RedisClient redis, List<String> bodies, int conversations) throws Exception {
            ConversationEngine engine = BenchEngine.build();
            RealTurns turns = new RealTurns(redis);
            Instant now = Instant.now();
            for (int i = 0, q = 0; turns.ids.size() < conversations; q++) {
                JsonNode body = JSON.readTree(bodies.get(q % bodies.size()));
                ConversationState start = ConversationState.start(Tokens.random(18), Tokens.hash("bench"), "web", "ko", now);
                TurnResult result = engine.respond(start, body.get("text").asText(), now);
                if (result.handoffReason() != null || result.contact() != null) {
                    continue; // a turn that opens a ticket is committed under the lock, not planned
                }
                turns.store.create(start, List.of(engine.greeting(Language.KO, now)));
                List<Message> stored = new ArrayList<>();
                stored.add(Message.user(body.get("text").asText(), now, result.userIntent(), result.confidence()));
                stored.addAll(result.replies());
                turns.ids.add(start.id());
                turns.next.add(result.state());
                turns.messages.add(stored);
                i++;
            }
            System.out.println("prepared " + turns.ids.size() + " conversations with a real first turn each");
            return turns;
        }

        private TurnCommit nextCommit() {
            int i = Math.floorMod(counter.getAndIncrement(), ids.size());
            return TurnCommit.planned(store.read(ids.get(i)).orElseThrow(), next.get(i), messages.get(i)).charging(charge);
        }

        Object commit() {
            return store.commit(nextCommit()).getClass().getSimpleName();
        }

        Object trivial() {
            return TrivialCommit.run(redis, store, nextCommit()).toString().length();
        }
    }
}
