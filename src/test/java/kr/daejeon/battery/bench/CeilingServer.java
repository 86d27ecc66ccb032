package kr.daejeon.battery.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import kr.daejeon.battery.infra.redis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * The load benchmark's yardstick (bench/run.sh, not part of the test suite): the least a request
 * that touches Redis can cost on this stack — Vert.x, unordered executeBlocking on 8 workers, the
 * same Jedis pool — doing one GET and one SET of a 1 KB value and answering a small JSON body.
 * Usage: {@code CeilingServer PORT REDIS_URL}.
 */
public final class CeilingServer {

    private static final String VALUE = "x".repeat(1024);

    private CeilingServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        RedisClient redis = new RedisClient(args[1], "ceiling", 12, Duration.ofSeconds(2));
        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(8));
        vertx.createHttpServer(new HttpServerOptions().setPort(port).setHost("127.0.0.1")).requestHandler(req ->
                vertx.executeBlocking(() -> redis.call(j -> {
                    String key = "ceiling:" + ThreadLocalRandom.current().nextInt(10_000);
                    String old = j.get(key);
                    j.set(key, VALUE, SetParams.setParams().ex(600));
                    return old == null ? 0 : old.length();
                }), false).onComplete(ar -> {
                    if (ar.succeeded()) {
                        req.response().putHeader("Content-Type", "application/json").end("{\"ok\":true,\"had\":" + ar.result() + "}");
                    } else {
                        req.response().setStatusCode(503).end("{\"error\":\"redis\"}");
                    }
                })).listen().toCompletionStage().toCompletableFuture().join();
        System.out.println("ceiling listening on " + port);
    }
}
