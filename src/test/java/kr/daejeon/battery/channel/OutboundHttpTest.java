package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Deliveries against a local fake platform: real HTTP, canned failures. */
class OutboundHttpTest {

    private final FakePlatform platform = new FakePlatform();
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final DeadLetterLog deadLetters = new DeadLetterLog(new kr.daejeon.battery.infra.memory.InMemoryCappedList<>(DeadLetterLog.CAPACITY));
    private final MutableClock clock = new MutableClock(Instant.parse("2027-03-02T01:00:00Z"));

    @AfterEach
    void stop() {
        platform.close();
    }

    private OutboundHttp http(CircuitBreaker breaker) {
        return new OutboundHttp("line", metrics, deadLetters, breaker, () -> 0.0);
    }

    private OutboundHttp.Call push(Map<String, String> headers) {
        return new OutboundHttp.Call(URI.create(platform.baseUrl() + "/v2/bot/message/push"), "conv-1", "push", headers,
                Map.of("to", "U1", "messages", List.of(Map.of("type", "text", "text", "담당자입니다."))));
    }

    private boolean send(OutboundHttp http, OutboundHttp.Call call) throws Exception {
        return http.post(call, body -> 0).get(20, TimeUnit.SECONDS);
    }

    @Test
    void lineConflictOnARetryWithAKeyIsDelivered() throws Exception {
        // The first attempt reached LINE but its answer was lost; the retry with the same key gets 409.
        platform.failNext(500, "{\"message\":\"temporary\"}");
        platform.failNext(409, "{\"message\":\"The retry key is already accepted\"}");
        OutboundHttp http = http(new CircuitBreaker(8, Duration.ofSeconds(30), clock));
        assertTrue(send(http, push(Map.of("X-Line-Retry-Key", "4f0c1c8e-2d7a-4d1e-9b7e-6b1f6f1f0a11"))));
        assertEquals(List.of(), deadLetters.recent(10), "no dead letter for a message LINE has");
        assertTrue(metrics.scrape().contains("outcome=\"delivered\""));
    }

    @Test
    void conflictWithoutARetryKeyIsStillARejection() throws Exception {
        platform.failNext(409, "{\"message\":\"conflict\"}");
        assertFalse(send(http(new CircuitBreaker(8, Duration.ofSeconds(30), clock)), push(Map.of())));
        awaitDeadLetters(1);
    }

    @Test
    void theBreakerOpensAfterRepeatedFailuresAndThePlatformIsLeftAlone() throws Exception {
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(30), clock);
        OutboundHttp http = http(breaker);
        for (int i = 0; i < 2; i++) {
            platform.failNext(503, "{}");
        }
        // Two failed attempts open the breaker; the third attempt is refused without a call.
        assertFalse(send(http, push(Map.of())));
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(send(http, push(Map.of())), "refused while open");
        assertNull(platform.next(300), "nothing reached the platform while the breaker was open");
        awaitDeadLetters(2);
        assertTrue(deadLetters.recent(10).stream().anyMatch(d -> d.reason().startsWith("circuit open")));
        assertTrue(metrics.scrape().contains("channel_outbound_circuit_open{channel=\"line\"} 1.0"));

        clock.advance(Duration.ofSeconds(30));
        assertTrue(send(http, push(Map.of())), "the trial call after the wait goes through and closes it");
        assertNotNull(platform.next(1000));
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
    }

    @Test
    void rejectionsDoNotOpenTheBreaker() throws Exception {
        CircuitBreaker breaker = new CircuitBreaker(2, Duration.ofSeconds(30), clock);
        OutboundHttp http = http(breaker);
        for (int i = 0; i < 3; i++) {
            platform.failNext(400, "{\"message\":\"bad request\"}");
            assertFalse(send(http, push(Map.of())));
        }
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state(), "the platform is up: it answered");
    }

    @Test
    void backoffGrowsAndIsSpreadByJitter() {
        assertEquals(250, OutboundHttp.backoffMs(1, 0.0));
        assertEquals(499, OutboundHttp.backoffMs(1, 0.999));
        assertEquals(500, OutboundHttp.backoffMs(2, 0.0));
        assertEquals(1000, OutboundHttp.backoffMs(3, 0.0));
        Set<Long> waits = new HashSet<>();
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < 50; i++) {
            long w = OutboundHttp.backoffMs(3, r.nextDouble());
            assertTrue(w >= 1000 && w < 2000, String.valueOf(w));
            waits.add(w);
        }
        assertTrue(waits.size() > 40, "fifty deliveries failing together do not retry together: " + waits.size());
    }

    private void awaitDeadLetters(int n) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5000;
        while (deadLetters.recent(10).size() < n && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(n, deadLetters.recent(10).size(), deadLetters.recent(10).toString());
    }
}
