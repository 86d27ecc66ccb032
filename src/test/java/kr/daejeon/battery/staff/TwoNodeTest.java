package kr.daejeon.battery.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.support.SseClient;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** Two server processes sharing one Redis: the company chats on node A, staff work on node B. */
class TwoNodeTest {

    @Test
    void messagesFlowBothWaysLiveAndClaimsStayAtomic() throws Exception {
        Path accounts = TestStaff.accountsFile("kim:김담당:agent", "lee:이담당:agent");
        Map<String, String> env = Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", "two" + Tokens.random(6),
                "STAFF_ACCOUNTS_FILE", accounts.toString());
        try (TestServer a = TestServer.start(env); TestServer b = TestServer.start(env)) {
            // Staff log in on node B and watch the live console stream there.
            String[] kim = login(b, "kim", "kim-pass");
            String[] lee = login(a, "lee", "lee-pass");
            LinkedBlockingQueue<String> console = new LinkedBlockingQueue<>();
            HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(b.uri("/staff/api/events"))
                    .header("Cookie", kim[0]).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, stream.statusCode());
            Thread reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        if (line.startsWith("data: ")) {
                            console.add(line.substring(6));
                        }
                    }
                } catch (Exception ignored) {
                    // closed
                }
            });
            reader.setDaemon(true);
            reader.start();

            // The company asks for a person on node A; the console on node B hears of the ticket at once.
            Conversation c = a.newConversation("ko");
            a.say(c, "상담원 연결해 주세요");
            String ticketId = null;
            long deadline = System.currentTimeMillis() + 5000;
            while (ticketId == null && System.currentTimeMillis() < deadline) {
                String event = console.poll(200, TimeUnit.MILLISECONDS);
                if (event != null && event.contains("\"type\":\"ticket\"") && event.contains(c.id())) {
                    ticketId = kr.daejeon.battery.session.JsonCodec.MAPPER.readTree(event).get("ticket").get("id").asText();
                }
            }
            assertNotNull(ticketId, "ticket event reached node B");

            // Two staff on two nodes claim at once: exactly one wins.
            String id = ticketId;
            var claimA = new java.util.concurrent.CompletableFuture<Integer>();
            new Thread(() -> claimA.complete(post(a, lee, "/staff/api/tickets/" + id + "/claim", "").statusCode())).start();
            int claimB = post(b, kim, "/staff/api/tickets/" + id + "/claim", "").statusCode();
            int other = claimA.get(10, TimeUnit.SECONDS);
            assertTrue((claimB == 200 && other == 409) || (claimB == 409 && other == 200), claimB + " / " + other);
            String[] winner = claimB == 200 ? kim : lee;
            TestServer winnerNode = claimB == 200 ? b : a;

            // The reply from the winner's node reaches the company's stream on node A.
            // 1 greeting, 2 question, 3 handoff, 4 queue position, 5 "staff joined"
            try (SseClient sse = new SseClient(a.uri("/api/v1/conversations/" + c.id() + "/events"), c.token(), "5")) {
                assertEquals(200, post(winnerNode, winner, "/staff/api/tickets/" + id + "/reply",
                        "{\"text\":\"안녕하세요, 담당자입니다.\"}").statusCode());
                SseClient.Event e = sse.next(5000);
                assertNotNull(e, "staff reply crossed nodes");
                assertEquals("staff", e.data().get("from").asText());
                assertEquals("안녕하세요, 담당자입니다.", e.data().get("text").asText());
            }
            // And the company's answer on node A reaches the console on node B.
            a.say(c, "네 감사합니다");
            boolean heard = false;
            deadline = System.currentTimeMillis() + 5000;
            while (!heard && System.currentTimeMillis() < deadline) {
                String event = console.poll(200, TimeUnit.MILLISECONDS);
                heard = event != null && event.contains("네 감사합니다");
            }
            assertTrue(heard, "customer message reached the console on node B");
            stream.body().close();
        }
    }

    /** A turn announces its messages from the script that stores them: ids and content must match the store. */
    @Test
    void aTurnOnOneNodeReachesTheCustomersStreamOnAnother() throws Exception {
        Map<String, String> env = Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", "two" + Tokens.random(6));
        try (TestServer a = TestServer.start(env); TestServer b = TestServer.start(env)) {
            Conversation c = a.newConversation("en");
            try (SseClient sse = new SseClient(a.uri("/api/v1/conversations/" + c.id() + "/events"), c.token(), "1")) {
                assertEquals(200, sse.status());
                var reply = b.say(c, "When is the application deadline?");
                assertEquals(200, reply.statusCode(), reply.body());
                String intent = kr.daejeon.battery.session.JsonCodec.MAPPER.readTree(reply.body()).get("intent").asText();
                SseClient.Event question = sse.next(5000);
                SseClient.Event answer = sse.next(5000);
                assertNotNull(answer, "both messages of the turn reached node A");
                assertEquals(2, question.id());
                assertEquals(2, question.data().get("id").asLong());
                assertEquals("user", question.data().get("from").asText());
                assertEquals("When is the application deadline?", question.data().get("text").asText());
                assertEquals(3, answer.id());
                assertEquals(3, answer.data().get("id").asLong());
                assertEquals("bot", answer.data().get("from").asText());
                assertEquals(intent, answer.data().get("intent").asText());
                // The live copy is the stored copy.
                var page = a.get("/api/v1/conversations/" + c.id() + "/messages?after=2", c.token());
                assertEquals(answer.data(), kr.daejeon.battery.session.JsonCodec.MAPPER.readTree(page.body())
                        .get("messages").get(0));
            }
        }
    }

    @Test
    void ticketsSurviveAServerRestart() throws Exception {
        Path accounts = TestStaff.accountsFile("kim:김담당:agent");
        Map<String, String> env = Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", "restart" + Tokens.random(6),
                "STAFF_ACCOUNTS_FILE", accounts.toString());
        Conversation c;
        try (TestServer first = TestServer.start(env)) {
            c = first.newConversation("ko");
            first.say(c, "상담원 연결해 주세요");
        }
        try (TestServer second = TestServer.start(env)) {
            String[] kim = login(second, "kim", "kim-pass");
            HttpResponse<String> queue = second.send(HttpRequest.newBuilder(second.uri("/staff/api/tickets"))
                    .header("Cookie", kim[0]).GET());
            assertTrue(queue.body().contains(c.id()), queue.body());
        }
    }

    static String[] login(TestServer s, String user, String password) {
        HttpResponse<String> r = s.postJson("/staff/api/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        assertEquals(200, r.statusCode(), r.body());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new String[] {cookie.substring(0, cookie.indexOf(';')), TestServer.json(r).get("csrfToken").asText()};
    }

    static HttpResponse<String> post(TestServer s, String[] staff, String path, String body) {
        return s.send(HttpRequest.newBuilder(s.uri(path)).header("Cookie", staff[0]).header("X-CSRF-Token", staff[1])
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }
}
