package kr.daejeon.battery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.openapi.contract.OpenAPIContract;
import io.vertx.openapi.contract.Operation;
import io.vertx.openapi.validation.RequestValidator;
import io.vertx.openapi.validation.ResponseValidator;
import io.vertx.openapi.validation.ValidatableResponse;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real server's requests and answers, checked against openapi.yaml by Vert.x's own OpenAPI
 * validator (vertx-openapi, JSON Schema 2020-12), not by hand. The test talks to a validating proxy in
 * front of a real server: each request is validated against its operation before it is forwarded, each
 * answer (status, headers, body, error bodies included) before it is handed back. A request marked
 * {@code X-Contract-Invalid} is one the test sends wrong on purpose, so only its answer must conform.
 * Any drift of a handler from the document fails the test and names the operation.
 */
class OpenApiValidationTest {

    private static final String INVALID = "X-Contract-Invalid";
    private static final Set<String> HOP_BY_HOP = Set.of("host", "content-length", "connection", "transfer-encoding",
            INVALID.toLowerCase());

    static TestServer server;
    static Vertx vertx;
    static OpenAPIContract contract;
    static HttpServer proxy;
    static HttpClient upstream;
    static final List<String> problems = Collections.synchronizedList(new ArrayList<>());
    /** Operations whose deliberately wrong request the validator refused: proof that requests are checked. */
    static final Set<String> refusedOnPurpose = java.util.concurrent.ConcurrentHashMap.newKeySet();
    static final Map<String, Integer> checked = Collections.synchronizedMap(new LinkedHashMap<>());
    static final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent", "ahn:안관리:admin").toString()));
        vertx = Vertx.vertx();
        JsonObject document;
        try (InputStream in = OpenApiDocs.class.getClassLoader().getResourceAsStream(OpenApiDocs.RESOURCE)) {
            document = new JsonObject(new ObjectMapper().writeValueAsString(new ObjectMapper(new YAMLFactory()).readTree(in)));
        }
        contract = OpenAPIContract.from(vertx, jsonBodiesOnly(document)).await(30, TimeUnit.SECONDS);
        RequestValidator requests = RequestValidator.create(vertx, contract);
        ResponseValidator responses = ResponseValidator.create(vertx, contract);
        upstream = vertx.createHttpClient();
        proxy = vertx.createHttpServer().requestHandler(req -> forward(req, requests, responses))
                .listen(0, "127.0.0.1").await(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().await(10, TimeUnit.SECONDS);
        server.close();
    }

    /**
     * The document with only the media types vertx-openapi 5.0 can check: it refuses a contract naming
     * text/event-stream, text/html, application/yaml, text/csv or text/calendar. Those answers (the live
     * streams, the docs page, the YAML, the CSV and .ics exports) keep their statuses and headers checked;
     * their bodies are not JSON and are not schema-checked here.
     */
    static JsonObject jsonBodiesOnly(JsonObject document) {
        Set<String> supported = Set.of("application/json", "multipart/form-data", "application/octet-stream", "text/plain");
        JsonObject paths = document.getJsonObject("paths");
        for (String path : paths.fieldNames()) {
            for (String method : paths.getJsonObject(path).fieldNames()) {
                Object op = paths.getJsonObject(path).getValue(method);
                if (!(op instanceof JsonObject operation)) {
                    continue;
                }
                List<JsonObject> holders = new ArrayList<>();
                if (operation.getJsonObject("requestBody") != null) {
                    holders.add(operation.getJsonObject("requestBody"));
                }
                JsonObject answers = operation.getJsonObject("responses", new JsonObject());
                answers.fieldNames().forEach(code -> holders.add(answers.getJsonObject(code)));
                for (JsonObject holder : holders) {
                    JsonObject content = holder.getJsonObject("content");
                    if (content != null) {
                        new ArrayList<>(content.fieldNames()).stream().filter(t -> !supported.contains(t)).forEach(content::remove);
                        if (content.isEmpty()) {
                            holder.remove("content");
                        }
                    }
                }
            }
        }
        return document;
    }

    private static void forward(HttpServerRequest req, RequestValidator requests, ResponseValidator responses) {
        Future<Buffer> body = req.body();
        String path = req.path();
        Operation op = contract.findOperation(path, req.method());
        if (op == null) {
            problems.add(req.method() + " " + path + ": no operation in openapi.yaml");
        }
        boolean expectInvalid = req.getHeader(INVALID) != null;
        String name = op == null ? req.method() + " " + path : op.getOperationId();
        Future<?> requestChecked = op == null ? Future.succeededFuture()
                : requests.validate(req, op.getOperationId()).transform(ar -> {
                    if (ar.failed() && !expectInvalid) {
                        problems.add(name + " request: " + ar.cause().getMessage());
                    } else if (ar.failed()) {
                        refusedOnPurpose.add(name);
                    }
                    return Future.succeededFuture();
                });
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        req.headers().forEach(h -> {
            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                headers.add(h.getKey(), h.getValue());
            }
        });
        requestChecked.compose(v -> body).compose(b -> upstream.request(new RequestOptions().setMethod(req.method())
                        .setHost("127.0.0.1").setPort(server.port()).setURI(req.uri()).setHeaders(headers))
                .compose(out -> out.send(b)).compose(res -> res.body().map(rb -> Map.entry(res, rb))))
                .onSuccess(e -> {
                    HttpClientResponse res = e.getKey();
                    Buffer rb = e.getValue();
                    checkAnswer(responses, op, name, res, rb).onComplete(done -> {
                        req.response().setStatusCode(res.statusCode());
                        res.headers().forEach(h -> {
                            if (!HOP_BY_HOP.contains(h.getKey().toLowerCase())) {
                                req.response().headers().add(h.getKey(), h.getValue());
                            }
                        });
                        req.response().end(rb);
                    });
                })
                .onFailure(t -> {
                    problems.add(name + ": proxy failed: " + t);
                    req.response().setStatusCode(599).end();
                });
    }

    private static Future<Void> checkAnswer(ResponseValidator responses, Operation op, String name, HttpClientResponse res, Buffer rb) {
        checked.merge(name + " " + res.statusCode(), 1, Integer::sum);
        if (op == null) {
            return Future.succeededFuture();
        }
        if (op.getResponse(res.statusCode()) == null && op.getDefaultResponse() == null) {
            problems.add(name + " answered " + res.statusCode() + ", which openapi.yaml does not list: " + rb);
            return Future.succeededFuture();
        }
        String type = res.getHeader("Content-Type");
        Map<String, String> headers = new LinkedHashMap<>();
        res.headers().forEach(h -> headers.put(h.getKey(), h.getValue()));
        // Only JSON bodies are schema-checked: the docs page and the YAML itself are served as they are.
        boolean json = type != null && type.startsWith("application/json");
        ValidatableResponse answer = json ? ValidatableResponse.create(res.statusCode(), headers, rb, mediaType(type))
                : ValidatableResponse.create(res.statusCode(), headers);
        return responses.validate(answer, op.getOperationId()).<Void>mapEmpty().recover(t -> {
            problems.add(name + " " + res.statusCode() + " answer: " + t.getMessage() + " — body " + rb);
            return Future.succeededFuture();
        });
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
    }

    // ---- requests, sent through the proxy ----

    static int proxyPort() {
        return proxy.actualPort();
    }

    static HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxyPort() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    static Map<String, String> invalid(Map<String, String> headers) {
        Map<String, String> m = new LinkedHashMap<>(headers);
        m.put(INVALID, "1");
        return m;
    }

    @Test
    void publicAndStaffRequestsAndAnswersConformToTheDocument() {
        assertEquals(200, send("GET", "/health", null, Map.of()).statusCode());
        send("GET", "/ready", null, Map.of());
        HttpResponse<String> created = send("POST", "/api/v1/conversations", "{\"locale\":\"ko\"}", Map.of());
        assertEquals(201, created.statusCode(), created.body());
        var c = TestServer.json(created);
        String id = c.get("id").asText();
        String token = c.get("token").asText();
        String conv = "/api/v1/conversations/" + id;
        HttpResponse<String> turn = send("POST", conv + "/messages", "{\"text\":\"신청 마감이 언제예요?\"}",
                Map.of("Authorization", "Bearer " + token, "Idempotency-Key", "validation-1"));
        assertEquals(200, turn.statusCode(), turn.body());
        long answer = TestServer.json(turn).get("messages").get(0).get("id").asLong();
        send("POST", conv + "/messages", "{\"text\":\"\"}", invalid(bearer(token)));
        assertEquals(401, send("POST", conv + "/messages", "{\"text\":\"hi\"}", bearer("wrong-token")).statusCode());
        assertEquals(404, send("POST", "/api/v1/conversations/nope/messages", "{\"text\":\"hi\"}", bearer(token)).statusCode());
        send("POST", "/api/v1/conversations", "{not json", invalid(Map.of()));
        assertEquals(200, send("GET", conv + "/messages?after=0", null, bearer(token)).statusCode());
        assertEquals(200, send("POST", conv + "/messages/" + answer + "/feedback", "{\"rating\":\"down\"}", bearer(token)).statusCode());
        assertEquals(400, send("POST", conv + "/messages/" + answer + "/feedback", "{\"rating\":\"meh\"}", invalid(bearer(token))).statusCode());
        assertEquals(200, send("PATCH", conv, "{\"locale\":\"en\"}", bearer(token)).statusCode());
        assertEquals(400, send("PATCH", conv, "{\"locale\":\"fr\"}", invalid(bearer(token))).statusCode());
        send("GET", "/api/v1/training/sessions", null, Map.of());

        // Staff: refused, then logged in; reads, a bad query, and a ticket from a hand-off.
        assertEquals(401, send("GET", "/staff/api/tickets", null, Map.of()).statusCode());
        assertEquals(401, send("POST", "/staff/api/login", "{\"username\":\"nobody\",\"password\":\"wrong-password\"}", Map.of()).statusCode());
        HttpResponse<String> login = send("POST", "/staff/api/login", "{\"username\":\"ahn\",\"password\":\"ahn-pass\"}", Map.of());
        assertEquals(200, login.statusCode(), login.body());
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String csrf = TestServer.json(login).get("csrfToken").asText();
        Map<String, String> staff = Map.of("Cookie", cookie);
        Map<String, String> write = Map.of("Cookie", cookie, "X-CSRF-Token", csrf);
        var handoff = send("POST", conv + "/messages", "{\"text\":\"상담원 연결해 주세요\"}", bearer(token));
        assertEquals(200, handoff.statusCode(), handoff.body());
        for (String read : List.of("/staff/api/me", "/staff/api/staff", "/staff/api/tickets?limit=5", "/staff/api/history?status=waiting",
                "/staff/api/reports?by=week", "/staff/api/faq", "/staff/api/feedback", "/staff/api/unanswered", "/staff/api/proposals",
                "/staff/api/content/status", "/staff/api/content/versions", "/staff/api/accounts", "/staff/api/lockouts",
                "/staff/api/dead-letters", "/staff/api/audit", "/staff/api/conversations/" + id)) {
            HttpResponse<String> r = send("GET", read, null, staff);
            assertEquals(200, r.statusCode(), read + ": " + r.body());
        }
        assertEquals(400, send("GET", "/staff/api/tickets?limit=0", null, invalid(staff)).statusCode());
        assertEquals(400, send("GET", "/staff/api/reports?by=month", null, invalid(staff)).statusCode());
        assertEquals(404, send("GET", "/staff/api/conversations/nope", null, staff).statusCode());
        HttpResponse<String> tickets = send("GET", "/staff/api/tickets", null, staff);
        String ticket = TestServer.json(tickets).get("tickets").get(0).get("ticket").get("id").asText();
        assertEquals(200, send("GET", "/staff/api/tickets/" + ticket, null, staff).statusCode());
        assertEquals(200, send("POST", "/staff/api/tickets/" + ticket + "/claim", "{}", write).statusCode());
        assertEquals(200, send("POST", "/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"[예시] 확인해 드리겠습니다.\"}", write).statusCode());
        assertEquals(400, send("POST", "/staff/api/accounts", "{\"username\":\"X\",\"role\":\"agent\",\"password\":\"long-enough-pass\"}",
                invalid(write)).statusCode());
        assertEquals(200, send("POST", "/staff/api/logout", "{}", write).statusCode());

        System.out.println("checked (operation status: answers): " + checked);
        System.out.println("wrong requests the validator refused: " + refusedOnPurpose);
        assertTrue(checked.size() >= 30, checked.toString());
        assertTrue(refusedOnPurpose.containsAll(Set.of("postApiV1ConversationsIdMessagesMessageIdFeedback",
                "patchApiV1ConversationsId", "getStaffApiReports")), "request validation did not run: " + refusedOnPurpose);
        assertEquals(List.of(), problems, "requests or answers that openapi.yaml does not describe (checked: " + checked + ")");
    }

    /** The validator is strict enough to catch drift: an error body without its message, a field of the wrong type. */
    @Test
    void anAnswerThatDriftsFromTheDocumentIsRefused() {
        ResponseValidator responses = ResponseValidator.create(vertx, contract);
        String op = contract.findOperation("/api/v1/conversations/x/messages", io.vertx.core.http.HttpMethod.POST).getOperationId();
        Buffer good = Buffer.buffer("{\"error\":{\"code\":\"conversation_not_found\",\"message\":\"No such conversation.\"}}");
        Buffer drifted = Buffer.buffer("{\"error\":{\"code\":\"conversation_not_found\"}}");
        Buffer wrongType = Buffer.buffer("{\"error\":{\"code\":404,\"message\":\"No such conversation.\"}}");
        assertTrue(validate(responses, op, 404, good).isEmpty(), validate(responses, op, 404, good));
        assertFalse(validate(responses, op, 404, drifted).isEmpty(), "an error body without its message passed");
        assertFalse(validate(responses, op, 404, wrongType).isEmpty(), "a numeric error code passed");
        assertFalse(validate(responses, op, 418, good).isEmpty(), "an undocumented status passed");
    }

    private static String validate(ResponseValidator responses, String op, int status, Buffer body) {
        try {
            responses.validate(ValidatableResponse.create(status, Map.of("Content-Type", "application/json"), body, "application/json"), op)
                    .await(10, TimeUnit.SECONDS);
            return "";
        } catch (Exception e) {
            return String.valueOf(e.getMessage());
        }
    }
}
