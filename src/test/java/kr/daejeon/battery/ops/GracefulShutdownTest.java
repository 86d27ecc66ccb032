package kr.daejeon.battery.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import kr.daejeon.battery.support.SseClient;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/**
 * Shutdown while a turn is in flight (held up by a deliberately slow Redis) and a customer is
 * listening: the turn finishes and is stored, the live stream is ended with a reconnect hint, no
 * new connections are taken, and the stored transcript is complete for the next node.
 */
class GracefulShutdownTest {

    @Test
    void inFlightTurnFinishesStreamsAreToldToReconnectNothingLost() throws Exception {
        try (TestRedis redis = TestRedis.ownInstance()) {
            Map<String, String> env = Map.of("REDIS_URL", redis.url(), "REDIS_TIMEOUT_MS", "5000", "SHUTDOWN_GRACE_SECONDS", "10");
            TestServer server = TestServer.start(env);
            int port = server.port();
            Conversation c = server.newConversation("ko");
            SseClient stream = new SseClient(server.uri("/api/v1/conversations/" + c.id() + "/events"), c.token(), null);
            assertEquals(200, stream.status());
            assertTrue(stream.next(5000) != null, "the greeting arrives live");

            // Redis stops answering for a while: the next turn is in flight when shutdown begins.
            CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> {
                redis.sleep(1.5);
            });
            Thread.sleep(150);
            // HTTP/1.1: JDK 17's HTTP/2 client fails streams still in flight when it receives GOAWAY (JDK-8335181).
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CompletableFuture<HttpResponse<String>> turn = client.sendAsync(
                    HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id() + "/messages"))
                            .header("Authorization", "Bearer " + c.token()).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"신청 마감이 언제예요?\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            Thread.sleep(250);
            assertTrue(!turn.isDone(), "the turn is still in flight");
            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);

            assertTrue(stream.awaitEnd(5000), "the live stream is ended");
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                }
            }, "no new connections while draining");
            HttpResponse<String> answered = turn.get();
            assertEquals(200, answered.statusCode(), answered.body());
            String intent = TestServer.json(answered).get("intent").asText();
            closing.get();
            slow.get();

            boolean sawReconnect = false;
            for (SseClient.Event e = stream.next(100); e != null; e = stream.next(100)) {
                sawReconnect |= e.type().equals("reconnect");
            }
            assertTrue(sawReconnect, "the stream said to reconnect");

            try (TestServer next = TestServer.start(env)) {
                JsonNode messages = TestServer.json(next.get("/api/v1/conversations/" + c.id() + "/messages", c.token()))
                        .get("messages");
                JsonNode user = messages.get(1);
                assertEquals("신청 마감이 언제예요?", user.get("text").asText());
                assertEquals(intent, user.get("intent").asText());
                assertTrue(messages.size() >= 3, "the replies were stored too: " + messages);
            }
        }
    }
}
