package kr.daejeon.battery.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import redis.clients.jedis.Jedis;

/**
 * A steady stream of web turns, as the widget sends them: each with its own Idempotency-Key, a 503 retried with the
 * same key until it is answered 200. Records every acknowledged turn, and how long {@code /ready} was not 200, so a
 * test can check the store afterwards: every acknowledged message there exactly once, at the id it was given.
 */
final class FailoverTraffic implements AutoCloseable {

    record Acked(String conversation, String text, long id) {
    }

    private final TestServer server;
    private final List<Conversation> conversations = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<Acked> acked = Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final AtomicInteger retries = new AtomicInteger();
    final AtomicLong notReadyMillis = new AtomicLong();
    final AtomicLong turn503Millis = new AtomicLong();
    private volatile boolean stopping;
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    FailoverTraffic(TestServer server, int clients) {
        this.server = server;
        for (int i = 0; i < clients; i++) {
            conversations.add(server.newConversation(i % 2 == 0 ? "ko" : "en"));
        }
    }

    void start() {
        for (int i = 0; i < conversations.size(); i++) {
            int client = i;
            threads.add(new Thread(() -> run(client), "traffic-" + i));
        }
        threads.add(new Thread(this::pollReady, "ready-poller"));
        for (Thread t : threads) {
            t.setDaemon(true);
            t.start();
        }
    }

    private void run(int client) {
        Conversation c = conversations.get(client);
        for (int n = 0; !stopping; n++) {
            String text = "신청 방법 질문 " + client + "-" + n;
            String key = "fo-" + client + "-" + n;
            long firstFailure = 0;
            long giveUp = System.currentTimeMillis() + 30_000;
            while (true) {
                HttpResponse<String> r;
                try {
                    r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id() + "/messages"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + c.token())
                            .header("Idempotency-Key", key)
                            .POST(HttpRequest.BodyPublishers.ofString(JsonCodec.write(Map.of("text", text)))));
                } catch (RuntimeException e) {
                    failures.add(text + ": " + e);
                    return;
                }
                statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (r.statusCode() == 200) {
                    JsonNode body = TestServer.json(r);
                    acked.add(new Acked(c.id(), text, body.get("userMessage").get("id").asLong()));
                    if (firstFailure > 0) {
                        turn503Millis.addAndGet(System.currentTimeMillis() - firstFailure);
                    }
                    break;
                }
                if (r.statusCode() != 503 || System.currentTimeMillis() > giveUp) {
                    failures.add(text + ": " + r.statusCode() + " " + r.body());
                    return;
                }
                if (firstFailure == 0) {
                    firstFailure = System.currentTimeMillis();
                }
                retries.incrementAndGet();
                sleep(100);
            }
            sleep(20);
        }
    }

    private void pollReady() {
        long last = System.currentTimeMillis();
        int lastStatus = 200;
        while (!stopping) {
            int status;
            try {
                status = server.send(HttpRequest.newBuilder(server.uri("/ready")).timeout(java.time.Duration.ofSeconds(2)).GET())
                        .statusCode();
            } catch (RuntimeException e) {
                status = 0;
            }
            long now = System.currentTimeMillis();
            if (status != 200 || lastStatus != 200) {
                // The time between a poll that saw "not ready" and the next one counts as not ready.
                notReadyMillis.addAndGet(now - last);
            }
            if (status != lastStatus) {
                readyChanges.add(java.time.Instant.ofEpochMilli(now) + " /ready " + status);
            }
            lastStatus = status;
            last = now;
            sleep(100);
        }
    }

    final List<String> readyChanges = Collections.synchronizedList(new ArrayList<>());

    int ackedCount() {
        return acked.size();
    }

    /** Stops the clients (each finishes its turn in flight, retries included). */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join(40_000);
        }
    }

    /**
     * Checks the store on {@code master}: every acknowledged message exactly once at the id it was answered with,
     * and no message stored twice. Returns problems found (empty = none).
     */
    List<String> verify(Jedis master) {
        List<String> problems = new ArrayList<>(failures);
        Map<String, List<String>> byConversation = new java.util.HashMap<>();
        for (Conversation c : conversations) {
            byConversation.put(c.id(), master.lrange("ia:{" + c.id() + "}:msgs", 0, -1));
        }
        for (Map.Entry<String, List<String>> e : byConversation.entrySet()) {
            Map<String, Integer> seen = new java.util.HashMap<>();
            for (String row : e.getValue()) {
                JsonNode m = read(row);
                if ("user".equals(m.path("from").asText())) {
                    seen.merge(m.path("text").asText(), 1, Integer::sum);
                }
            }
            seen.forEach((text, count) -> {
                if (count > 1) {
                    problems.add("stored " + count + " times: " + text);
                }
            });
        }
        synchronized (acked) {
            for (Acked a : acked) {
                List<String> rows = byConversation.get(a.conversation());
                if (a.id() < 1 || a.id() > rows.size()) {
                    problems.add("lost: " + a.text() + " (id " + a.id() + ", " + rows.size() + " stored)");
                    continue;
                }
                JsonNode m = read(rows.get((int) a.id() - 1));
                if (!a.text().equals(m.path("text").asText())) {
                    problems.add("id " + a.id() + " of " + a.text() + " holds '" + m.path("text").asText() + "'");
                }
            }
        }
        return problems;
    }

    String summary() {
        return "acknowledged " + acked.size() + " turns, statuses " + statuses + ", retries " + retries + ", /ready not 200 for "
                + String.format(java.util.Locale.ROOT, "%.1f", notReadyMillis.get() / 1000.0) + " s, turns waiting in 503 retries "
                + String.format(java.util.Locale.ROOT, "%.1f", turn503Millis.get() / 1000.0) + " s (summed over clients); /ready changes " + readyChanges;
    }

    private static JsonNode read(String row) {
        try {
            return JsonCodec.MAPPER.readTree(row);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + row, e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
