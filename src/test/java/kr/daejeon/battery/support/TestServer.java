package kr.daejeon.battery.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.Server;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.session.JsonCodec;

/** A real server on a free port, and an HTTP client that talks to it. */
public final class TestServer implements AutoCloseable {

    private static Path model;

    private final Server server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Server server) {
        this.server = server;
    }

    /** The classifier is trained once per test JVM and then loaded from its saved file. */
    public static synchronized Path sharedModel() {
        if (model == null) {
            try {
                AppConfig defaults = AppConfig.load(List.of(), Map.of());
                Path file = Files.createTempFile("intent-model", ".bin");
                IntentClassifier.train(IntentCorpus.load(defaults.intentsDir()).utterances(), defaults.classifierSettings())
                        .save(file);
                file.toFile().deleteOnExit();
                model = file;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return model;
    }

    public static TestServer start(Map<String, String> env, Clock clock) {
        Map<String, String> all = new HashMap<>();
        all.put("MODEL_FILE", sharedModel().toString());
        all.put("PORT", "0");
        all.put("HOST", "127.0.0.1");
        // Staff are always in unless a test says otherwise, so results do not depend on when the suite runs.
        all.put("BUSINESS_HOURS", "MON-SUN 00:00-24:00");
        // /ready reports the periodic Redis write test; every second, so tests see a change quickly.
        all.put("REDIS_PROBE_SECONDS", "1");
        all.putAll(env);
        AppConfig config = AppConfig.load(List.of(), all);
        return new TestServer(Server.start(config, clock).toCompletionStage().toCompletableFuture().join());
    }

    public static TestServer start(Map<String, String> env) {
        return start(env, Clock.systemUTC());
    }

    public int port() {
        return server.port();
    }

    /** The server's endpoints, as {@code "GET /path/{param}"}. */
    public List<String> routes() {
        return server.routes();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    public HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // Generous: approving a training proposal retrains the model inside the request (seconds, more on a loaded CI machine).
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> postJson(String path, String body, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    public HttpResponse<String> get(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return send(b);
    }

    /** Starts a conversation; returns {id, token}. */
    public Conversation newConversation(String locale) {
        HttpResponse<String> r = postJson("/api/v1/conversations", "{\"locale\":\"" + locale + "\"}", null);
        if (r.statusCode() != 201) {
            throw new IllegalStateException("create failed: " + r.statusCode() + " " + r.body());
        }
        JsonNode n = json(r);
        return new Conversation(n.get("id").asText(), n.get("token").asText());
    }

    public HttpResponse<String> say(Conversation c, String text) {
        return postJson("/api/v1/conversations/" + c.id() + "/messages", JsonCodec.write(Map.of("text", text)), c.token());
    }

    /** The privacy-notice consent the widget sends when the customer ticks the notice's box. */
    public static final Map<String, Object> CONSENT = Map.of("noticeVersion", "2026-12-01", "items", List.of("email", "phone"));

    /** A message sent with consent to the privacy notice, as the widget sends contact details. */
    public HttpResponse<String> sayWithConsent(Conversation c, String text) {
        return postJson("/api/v1/conversations/" + c.id() + "/messages", JsonCodec.write(Map.of("text", text, "consent", CONSENT)),
                c.token());
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JsonCodec.MAPPER.readTree(r.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + r.body(), e);
        }
    }

    public record Conversation(String id, String token) {
    }

    @Override
    public void close() {
        server.close().join();
    }
}
