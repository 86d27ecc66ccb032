package kr.daejeon.battery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml is the contract: every route the server has is documented and every documented
 * operation exists (with all channels on), and real answers have a documented status and the
 * documented shape (required properties and their JSON types, through $refs).
 */
class OpenApiContractTest {

    static TestServer server;
    static JsonNode doc;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Map.of(
                "TELEGRAM_BOT_TOKEN", "123456:contract-test", "TELEGRAM_SECRET_TOKEN", "contract-test-secret-1",
                "LINE_CHANNEL_SECRET", "contract-line-secret", "LINE_CHANNEL_ACCESS_TOKEN", "contract-line-token",
                "KAKAO_SKILL_SECRET", "contract-kakao-secret", "KAKAO_BOT_IDS", "bot-1"));
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/openapi.yaml")).GET());
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/yaml"));
        doc = new ObjectMapper(new YAMLFactory()).readTree(r.body());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedOperationExists() {
        TreeSet<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                }
            });
        }
        TreeSet<String> routes = new TreeSet<>(server.routes());
        TreeSet<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(documented);
        TreeSet<String> missing = new TreeSet<>(documented);
        missing.removeAll(routes);
        assertEquals(new TreeSet<>(), undocumented, "routes the document does not describe");
        assertEquals(new TreeSet<>(), missing, "documented operations the server does not have");
        assertTrue(routes.size() > 30, routes.toString());
        assertTrue(doc.path("openapi").asText().startsWith("3.1"));
    }

    @Test
    void realAnswersMatchTheDocumentedStatusesAndShapes() throws Exception {
        check("get", "/health", server.send(HttpRequest.newBuilder(server.uri("/health")).GET()));
        check("get", "/ready", server.send(HttpRequest.newBuilder(server.uri("/ready")).GET()));
        HttpResponse<String> created = server.postJson("/api/v1/conversations", "{\"locale\":\"ko\"}", null);
        check("post", "/api/v1/conversations", created);
        JsonNode conversation = TestServer.json(created);
        String id = conversation.get("id").asText();
        String token = conversation.get("token").asText();
        String messages = "/api/v1/conversations/{id}/messages";
        check("post", messages, server.postJson("/api/v1/conversations/" + id + "/messages", "{\"text\":\"신청 마감이 언제예요?\"}", token));
        check("post", messages, server.postJson("/api/v1/conversations/" + id + "/messages", "{\"text\":\"\"}", token));
        check("post", messages, server.postJson("/api/v1/conversations/" + id + "/messages", "{\"text\":\"hi\"}", "wrong-token"));
        check("post", messages, server.postJson("/api/v1/conversations/nope/messages", "{\"text\":\"hi\"}", token));
        check("get", messages, server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + id + "/messages?after=0"))
                .header("Authorization", "Bearer " + token).GET()));
        check("post", "/staff/api/login", server.postJson("/staff/api/login", "{\"username\":\"nobody\",\"password\":\"x\"}", null));
        check("get", "/staff/api/tickets", server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets")).GET()));
        HttpResponse<String> docs = server.send(HttpRequest.newBuilder(server.uri("/api-docs")).GET());
        check("get", "/api-docs", docs);
        assertTrue(docs.body().contains("<code>/api/v1/conversations/{id}/messages</code>"));
        assertFalse(docs.body().contains("<script"), "the docs page runs nothing");
    }

    /** The status is documented for the operation and a JSON body has the documented shape. */
    private static void check(String method, String path, HttpResponse<String> r) throws Exception {
        JsonNode op = doc.path("paths").path(path).path(method);
        assertFalse(op.isMissingNode(), method + " " + path + " is not documented");
        JsonNode response = op.path("responses").path(String.valueOf(r.statusCode()));
        assertFalse(response.isMissingNode(), method + " " + path + " answered " + r.statusCode()
                + ", which the document does not list: " + r.body());
        JsonNode schema = response.path("content").path("application/json").path("schema");
        if (!schema.isMissingNode()) {
            List<String> problems = new ArrayList<>();
            conforms(new ObjectMapper().readTree(r.body()), schema, "$", problems);
            assertEquals(List.of(), problems, method + " " + path + " " + r.statusCode() + ": " + r.body());
        }
    }

    private static void conforms(JsonNode value, JsonNode schema, String at, List<String> problems) {
        if (schema.has("$ref")) {
            String name = schema.get("$ref").asText().replace("#/components/schemas/", "");
            conforms(value, doc.path("components").path("schemas").path(name), at, problems);
            return;
        }
        String type = schema.path("type").asText("");
        boolean ok = switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
        if (!ok) {
            problems.add(at + " is not " + type);
            return;
        }
        if (schema.has("enum") && !schema.get("enum").toString().contains(value.toString())) {
            problems.add(at + " = " + value + " is not one of " + schema.get("enum"));
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(at + "." + required.asText() + " is missing");
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            if (value.has(p.getKey()) && !value.get(p.getKey()).isNull()) {
                conforms(value.get(p.getKey()), p.getValue(), at + "." + p.getKey(), problems);
            }
        }
        if (value.isArray() && schema.has("items")) {
            for (int i = 0; i < value.size(); i++) {
                conforms(value.get(i), schema.get("items"), at + "[" + i + "]", problems);
            }
        }
    }
}
