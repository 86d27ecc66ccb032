package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** New tickets are announced to a Slack-compatible incoming webhook (a local fake, over real HTTP). */
class TicketWebhookTest {

    @Test
    void newTicketIsPostedWithoutCustomerTextAndRetriedAfterAFailure() throws Exception {
        LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            // The first delivery fails: the notifier must retry.
            int status = calls.incrementAndGet() == 1 ? 500 : 200;
            if (status == 200) {
                received.add(exchange.getRequestHeaders().getFirst("Content-Type") + "\n" + body);
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        fake.start();
        try (TestServer server = TestServer.start(Map.of(
                "TICKET_WEBHOOK_URL", "http://127.0.0.1:" + fake.getAddress().getPort() + "/hook",
                "PUBLIC_BASE_URL", "https://chat.example.kr/"))) {
            Conversation c = server.newConversation("ko");
            server.say(c, "제 번호는 010-9999-8888 이고 비밀 사업계획 있어요");
            server.say(c, "상담원 연결해 주세요");
            String delivery = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivery, "webhook received the ticket");
            String[] parts = delivery.split("\n", 2);
            assertTrue(parts[0].startsWith("application/json"));
            JsonNode json = JsonCodec.MAPPER.readTree(parts[1]);
            String text = json.get("text").asText();
            assertTrue(text.contains("user_request") && text.contains("https://chat.example.kr/staff/"), text);
            assertFalse(text.contains("010-9999-8888") || text.contains("비밀"), "no customer text in the webhook");
            assertEquals(2, calls.get());
        } finally {
            fake.stop(0);
        }
    }
}
