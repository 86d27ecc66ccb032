package kr.daejeon.battery.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.session.JsonCodec;

/**
 * A local stand-in for a messenger platform's HTTP API (we cannot reach the real ones): records
 * every request and answers 200, or whatever canned failures a test queued first.
 */
public final class FakePlatform implements AutoCloseable {

    public record Call(String path, Map<String, List<String>> headers, JsonNode body) {
    }

    private record Failure(int status, String body) {
    }

    private final HttpServer server;
    private final LinkedBlockingQueue<Call> calls = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();

    public FakePlatform() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Failure f = failures.poll();
            int status = f == null ? 200 : f.status();
            byte[] answer = (f == null ? "{\"ok\":true,\"result\":{}}" : f.body()).getBytes(StandardCharsets.UTF_8);
            if (f == null) {
                calls.add(new Call(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()),
                        raw.isEmpty() ? null : JsonCodec.MAPPER.readTree(raw)));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next request gets this status and body instead of 200 (and is not recorded as delivered). */
    public void failNext(int status, String body) {
        failures.add(new Failure(status, body));
    }

    public Call next(long timeoutMs) throws InterruptedException {
        return calls.poll(timeoutMs, TimeUnit.MILLISECONDS);
    }

    public List<Call> drain() {
        List<Call> out = new ArrayList<>();
        calls.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
