package kr.daejeon.battery.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 20 #11 and issue 21 #3: {@code /ready} says "not ready", with the reason, whenever the node cannot write,
 * although Redis still answers PING: out of memory under {@code noeviction}, turned into a replica
 * ({@code READONLY}), gone. And ready again once writes work.
 */
class ReadyTellsTheTruthTest {

    @Test
    void notReadyWhileRedisRefusesWritesAndReadyAgainAfter() throws Exception {
        try (TestRedis redis = TestRedis.ownInstance();
             TestRedis other = TestRedis.ownInstance();
             TestServer server = TestServer.start(Map.of("REDIS_URL", redis.url(), "REDIS_PROBE_SECONDS", "1",
                     "REDIS_TIMEOUT_MS", "500"));
             Jedis j = redis.client()) {
            awaitReady(server, 200, null);

            // Out of memory: a limit below what is used, and no eviction. PING still answers PONG.
            j.configSet("maxmemory-policy", "noeviction");
            j.configSet("maxmemory", "1");
            assertEquals("PONG", j.ping());
            JsonNode oom = awaitReady(server, 503, "oom");
            assertEquals("not_ready", oom.get("status").asText());
            assertEquals("not_ready_oom", oom.get("error").get("code").asText());
            j.configSet("maxmemory", "0");
            awaitReady(server, 200, null);

            // A replica of another server: reads work, every write is READONLY.
            int otherPort = Integer.parseInt(other.url().substring(other.url().lastIndexOf(':') + 1));
            j.replicaof("127.0.0.1", otherPort);
            awaitReady(server, 503, "readonly");
            j.replicaofNoOne();
            awaitReady(server, 200, null);

            // Gone.
            redis.stop();
            awaitReady(server, 503, "unreachable");
            redis.start();
            awaitReady(server, 200, null);
        }
    }

    /** Polls /ready until it gives {@code status} (and {@code reason}); the probe runs every second. */
    private static JsonNode awaitReady(TestServer server, int status, String reason) throws Exception {
        long deadline = System.currentTimeMillis() + 8000;
        HttpResponse<String> last = null;
        while (System.currentTimeMillis() < deadline) {
            last = server.send(HttpRequest.newBuilder(server.uri("/ready")).GET());
            JsonNode body = TestServer.json(last);
            if (last.statusCode() == status && (reason == null || reason.equals(body.path("reason").asText()))) {
                assertTrue(last.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
                if (status == 503) {
                    assertTrue(last.headers().firstValue("Retry-After").isPresent());
                }
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/ready never answered " + status + " " + reason + "; last: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }
}
