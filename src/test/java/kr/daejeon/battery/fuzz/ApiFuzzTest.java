package kr.daejeon.battery.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and malformed requests against the public API and the channel webhooks: every answer is a
 * valid reply or a 4xx JSON error, never a 5xx, and the server keeps serving.
 */
class ApiFuzzTest {

    private static final java.net.http.HttpClient STREAMS = java.net.http.HttpClient.newHttpClient();
    static TestServer server;
    static Conversation conversation;

    @BeforeContainer
    static void start() {
        server = TestServer.start(Map.of("RATE_LIMIT_PER_MINUTE", "1000000", "CONVERSATION_RATE_LIMIT_PER_MINUTE", "1000000",
                "TELEGRAM_BOT_TOKEN", "1:x", "TELEGRAM_SECRET_TOKEN", "fuzz-secret-token-123",
                "TELEGRAM_API_BASE", "http://127.0.0.1:9", "LINE_CHANNEL_SECRET", "s", "LINE_CHANNEL_ACCESS_TOKEN", "t",
                "LINE_API_BASE", "http://127.0.0.1:9", "KAKAO_SKILL_SECRET", "fuzz-kakao-secret-123", "KAKAO_BOT_IDS", "b"));
        conversation = server.newConversation("ko");
    }

    @AfterContainer
    static void stop() {
        server.close();
    }

    record Reply(int status, String body) {
        static Reply of(HttpResponse<String> r) {
            return new Reply(r.statusCode(), r.body());
        }
    }

    record Attack(String method, String path, String contentType, byte[] body, boolean withToken) {
    }

    @Provide
    Arbitrary<Attack> attacks() {
        Arbitrary<String> paths = Arbitraries.of(
                "/api/v1/conversations", "/api/v1/conversations/{id}/messages", "/api/v1/conversations/{id}/events",
                "/api/v1/conversations/../../etc/passwd/messages", "/api/v1/conversations/%00/messages",
                "/api/v1/conversations/" + "x".repeat(3000) + "/messages", "/channels/telegram/webhook",
                "/channels/line/webhook", "/channels/kakao/skill", "/staff/api/tickets", "/staff/api/login",
                "/api/v1/conversations/{id}/messages?after=-5", "/api/v1/conversations/{id}/messages?after=99999999999999999999");
        Arbitrary<String> methods = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH");
        Arbitrary<String> types = Arbitraries.of("application/json", "application/json; charset=utf-8", "text/plain",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=latin1", "");
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                jsonish().map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.strings().ofMaxLength(50).map(s -> ("{\"text\":\"" + s + "\"}").getBytes(StandardCharsets.UTF_8)),
                Arbitraries.integers().between(1, 3000).map(n -> ("[".repeat(n) + "]".repeat(n)).getBytes(StandardCharsets.UTF_8)),
                Arbitraries.integers().between(1, 30_000).map(n -> ("{\"text\":\"" + "가".repeat(n) + "\"}").getBytes(StandardCharsets.UTF_8)),
                Arbitraries.just(new byte[] {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}));
        return Combinators.combine(methods, paths, types, bodies, Arbitraries.of(true, false)).as(Attack::new);
    }

    /**
     * A live event stream stays open by design, so its body is read only when it is not a stream
     * (an error); a stream is checked by its status and type.
     */
    private static Reply openStream(HttpRequest.Builder b) {
        try {
            HttpResponse<java.io.InputStream> r = STREAMS.send(b.timeout(java.time.Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            try (java.io.InputStream in = r.body()) {
                if (r.statusCode() == 200) {
                    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
                    return new Reply(200, "");
                }
                return new Reply(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Arbitrary<String> jsonish() {
        Arbitrary<String> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20).map(JsonCodec::write),
                Arbitraries.integers().map(String::valueOf), Arbitraries.of("null", "true", "false", "1e999", "-0", "[]", "{}",
                        "\"\\ud800\"", "\"\\u0000\""));
        return Combinators.combine(Arbitraries.of("text", "locale", "update_id", "events", "userRequest", "username", "x"),
                values, Arbitraries.of("{\"%s\":%s}", "[\"%s\",%s]", "{\"%s\":%s", "%s%s", "{\"%s\":{\"%s\":%s}}"))
                .as((k, v, fmt) -> String.format(fmt, k, v, v));
    }

    /** What fuzzing found once (a 500 from multipart decoding), kept as fixed cases. */
    @Example
    void formBodiesAreRefusedNotDecoded() throws java.io.IOException {
        byte[] longField = ("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n" + "a".repeat(10_000) + "\r\n--x--\r\n")
                .getBytes(StandardCharsets.UTF_8);
        for (String path : new String[] {"/api/v1/conversations", "/staff/api/login", "/api/v1/conversations/{id}/messages"}) {
            for (String type : new String[] {"multipart/form-data; boundary=x", "application/x-www-form-urlencoded"}) {
                neverA5xxAndAlwaysJsonErrors(new Attack("POST", path, type, longField, true));
            }
        }
    }

    @Property(tries = 400)
    void neverA5xxAndAlwaysJsonErrors(@ForAll("attacks") Attack a) throws java.io.IOException {
        String path = a.path().replace("{id}", conversation.id());
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path))
                .method(a.method(), a.method().equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(a.body()));
        if (!a.contentType().isEmpty()) {
            b.header("Content-Type", a.contentType());
        }
        if (a.withToken()) {
            b.header("Authorization", "Bearer " + conversation.token());
        }
        if (path.startsWith("/channels/telegram")) {
            b.header("X-Telegram-Bot-Api-Secret-Token", "fuzz-secret-token-123");
        }
        if (path.startsWith("/channels/kakao")) {
            b.header("X-Skill-Secret", "fuzz-kakao-secret-123");
        }
        Reply r = path.endsWith("/events") ? openStream(b) : Reply.of(server.send(b));
        assertTrue(r.status() < 500, a.method() + " " + path + " -> " + r.status() + " " + r.body());
        if (r.status() >= 400) {
            JsonNode error = JsonCodec.MAPPER.readTree(r.body()).get("error");
            assertTrue(error != null && error.hasNonNull("code") && error.hasNonNull("message"), r.body());
        }
        assertEquals(200, server.get("/health", null).statusCode());
    }
}
