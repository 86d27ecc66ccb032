package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import kr.daejeon.battery.channel.CircuitBreaker;
import kr.daejeon.battery.support.MutableClock;
import org.junit.jupiter.api.Test;

/**
 * A dead team-chat webhook (a local one answering 500, over real HTTP) stops being called after five
 * failed calls in a row, and gets one trial call once the breaker's wait is over; its success closes it.
 */
class TicketWebhookBreakerTest {

    @Test
    void aWebhookThatKeepsFailingIsLeftAloneUntilTheBreakerLetsATrialThrough() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger status = new AtomicInteger(500);
        HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        fake.createContext("/hook", exchange -> {
            exchange.getRequestBody().readAllBytes();
            calls.incrementAndGet();
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        fake.start();
        try {
            MutableClock clock = new MutableClock(Instant.parse("2026-12-02T01:00:00Z"));
            TicketWebhook hook = new TicketWebhook("http://127.0.0.1:" + fake.getAddress().getPort() + "/hook", null, new kr.daejeon.battery.infra.memory.MemoryOutbox(),
                    new CircuitBreaker(TicketWebhook.BREAKER_THRESHOLD, TicketWebhook.BREAKER_OPEN, clock));
            // First ticket: three attempts, all 500. Second: two more reach the threshold, the third is not sent.
            assertFalse(hook.post("{\"text\":\"1\"}").get(30, TimeUnit.SECONDS));
            assertEquals(3, calls.get());
            assertFalse(hook.post("{\"text\":\"2\"}").get(30, TimeUnit.SECONDS));
            assertEquals(5, calls.get());
            // Open: nothing goes out, at once.
            assertFalse(hook.post("{\"text\":\"3\"}").get(1, TimeUnit.SECONDS));
            assertEquals(5, calls.get());

            // After the wait the webhook is back: the trial call goes through and closes the breaker.
            status.set(200);
            clock.advance(TicketWebhook.BREAKER_OPEN.plus(Duration.ofSeconds(1)));
            assertTrue(hook.post("{\"text\":\"4\"}").get(30, TimeUnit.SECONDS));
            assertEquals(6, calls.get());
            assertTrue(hook.post("{\"text\":\"5\"}").get(30, TimeUnit.SECONDS));
            assertEquals(7, calls.get());
        } finally {
            fake.stop(0);
        }
    }
}
