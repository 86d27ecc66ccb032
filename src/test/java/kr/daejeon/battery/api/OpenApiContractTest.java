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
import kr.daejeon.battery.support.TestStaff;
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
                "KAKAO_SKILL_SECRET", "contract-kakao-secret", "KAKAO_BOT_IDS", "bot-1",
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()));
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

    @Test
    void conversationLanguageFeedbackAndErasureAnswerAsDocumented() throws Exception {
        TestServer.Conversation c = server.newConversation("ko");
        String path = "/api/v1/conversations/" + c.id();
        HttpResponse<String> turn = server.send(HttpRequest.newBuilder(server.uri(path + "/messages"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + c.token())
                .header("Idempotency-Key", "contract-1").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"신청 마감이 언제예요?\"}")));
        check("post", "/api/v1/conversations/{id}/messages", 200, turn);
        JsonNode answered = TestServer.json(turn);
        assertTrue(answered.has("answerId") && answered.has("answerMatch"), turn.body());
        check("post", "/api/v1/conversations/{id}/messages", 400, server.send(HttpRequest.newBuilder(server.uri(path + "/messages"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + c.token())
                .header("Idempotency-Key", "no spaces allowed").POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"hi\"}"))));
        long answer = answered.get("messages").get(0).get("id").asLong();

        String feedback = "/api/v1/conversations/{id}/messages/{messageId}/feedback";
        check("post", feedback, 200, server.postJson(path + "/messages/" + answer + "/feedback", "{\"rating\":\"down\"}", c.token()));
        check("post", feedback, 400, server.postJson(path + "/messages/" + answer + "/feedback", "{\"rating\":\"meh\"}", c.token()));
        check("post", feedback, 404, server.postJson(path + "/messages/99999/feedback", "{\"rating\":\"up\"}", c.token()));
        check("post", feedback, 401, server.postJson(path + "/messages/" + answer + "/feedback", "{\"rating\":\"up\"}", "wrong-token"));

        check("patch", "/api/v1/conversations/{id}", 200, patch(path, "{\"locale\":\"en\"}", c.token()));
        check("patch", "/api/v1/conversations/{id}", 400, patch(path, "{\"locale\":\"fr\"}", c.token()));
        check("patch", "/api/v1/conversations/{id}", 404, patch("/api/v1/conversations/nope", "{\"locale\":\"en\"}", c.token()));

        check("delete", "/api/v1/conversations/{id}", 200, delete(path, c.token(), null));
        check("delete", "/api/v1/conversations/{id}", 404, delete(path, c.token(), null));
    }

    @Test
    void staffOperationsAnswerAsDocumented() throws Exception {
        check("get", "/staff/api/history", 401, server.send(HttpRequest.newBuilder(server.uri("/staff/api/history")).GET()));
        TestStaff.Login kim = TestStaff.login(server, "kim");
        TestServer.Conversation c = server.newConversation("ko");
        HttpResponse<String> asked = server.say(c, "신청 마감이 언제예요?");
        long answer = TestServer.json(asked).get("messages").get(0).get("id").asLong();
        assertEquals(200, server.postJson("/api/v1/conversations/" + c.id() + "/messages/" + answer + "/feedback",
                "{\"rating\":\"down\"}", c.token()).statusCode());
        assertTrue(TestServer.json(server.say(c, "상담원 연결해 주세요")).get("handoff").asBoolean());

        check("get", "/staff/api/staff", 200, kim.get("/staff/api/staff"));
        check("get", "/staff/api/tickets", 200, kim.get("/staff/api/tickets?limit=1"));
        check("get", "/staff/api/tickets", 400, kim.get("/staff/api/tickets?limit=0"));
        HttpResponse<String> history = kim.get("/staff/api/history?status=waiting");
        check("get", "/staff/api/history", 200, history);
        assertTrue(TestServer.json(history).get("results").size() > 0, history.body());
        check("get", "/staff/api/history", 400, kim.get("/staff/api/history?status=lost"));
        check("get", "/staff/api/reports", 200, kim.get("/staff/api/reports?by=week"));
        check("get", "/staff/api/reports", 400, kim.get("/staff/api/reports?by=month"));
        HttpResponse<String> faq = kim.get("/staff/api/faq");
        check("get", "/staff/api/faq", 200, faq);
        String intent = TestServer.json(faq).get("entries").get(0).get("intent").asText();
        check("post", "/staff/api/faq/preview", 200, kim.post("/staff/api/faq/preview",
                "{\"intent\":\"" + intent + "\",\"language\":\"en\",\"text\":\"Preview text\"}"));
        check("post", "/staff/api/faq/preview", 400, kim.post("/staff/api/faq/preview",
                "{\"intent\":\"no-such-entry\",\"language\":\"en\",\"text\":\"Preview text\"}"));
        HttpResponse<String> down = kim.get("/staff/api/feedback");
        check("get", "/staff/api/feedback", 200, down);
        assertTrue(down.body().contains(c.id()), down.body());

        String conversation = "/staff/api/conversations/{id}";
        check("get", conversation, 200, kim.get("/staff/api/conversations/" + c.id()));
        check("get", conversation, 404, kim.get("/staff/api/conversations/nope"));
        check("delete", conversation, 200, delete("/staff/api/conversations/" + c.id(), null, kim));
        check("delete", conversation, 403, server.send(HttpRequest.newBuilder(server.uri("/staff/api/conversations/" + c.id()))
                .header("Cookie", kim.cookie()).DELETE()));
    }

    private static HttpResponse<String> patch(String path, String json, String token) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token).method("PATCH", HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> delete(String path, String token, TestStaff.Login staff) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).DELETE();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (staff != null) {
            b.header("Cookie", staff.cookie()).header("X-CSRF-Token", staff.csrf());
        }
        return server.send(b);
    }

    /** The answer has the expected status, and {@link #check(String, String, HttpResponse)} holds. */
    private static void check(String method, String path, int expected, HttpResponse<String> r) throws Exception {
        assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
        check(method, path, r);
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
