package kr.daejeon.battery.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kr.daejeon.battery.support.SseClient;
import kr.daejeon.battery.support.TestStaff;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The staff API over real HTTP: login, CSRF, claim races, replies reaching the customer live, resolve. */
class StaffApiTest {

    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        Path accounts = TestStaff.accountsFile("kim:김담당:agent", "lee:이담당:agent", "boss:관리자:admin");
        server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", accounts.toString(),
                "STAFF_LOGIN_RATE_LIMIT_PER_MINUTE", "1000"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Staff(String cookie, String csrf) {
    }

    static Staff login(String user, String password) {
        HttpResponse<String> r = server.postJson("/staff/api/login",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}", null);
        assertEquals(200, r.statusCode(), r.body());
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie.toLowerCase().contains("httponly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        return new Staff(setCookie.substring(0, setCookie.indexOf(';')), TestServer.json(r).get("csrfToken").asText());
    }

    static HttpResponse<String> staffGet(Staff s, String path) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", s.cookie()).GET());
    }

    static HttpResponse<String> staffPost(Staff s, String path, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", s.cookie())
                .header("X-CSRF-Token", s.csrf()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String errorCode(HttpResponse<String> r) {
        return TestServer.json(r).get("error").get("code").asText();
    }

    static String ticketOf(Staff s, String conversationId) {
        for (JsonNode t : TestServer.json(staffGet(s, "/staff/api/tickets")).get("tickets")) {
            if (t.get("ticket").get("conversationId").asText().equals(conversationId)) {
                return t.get("ticket").get("id").asText();
            }
        }
        throw new AssertionError("no ticket for " + conversationId);
    }

    @Test
    void staffEndpointsNeedAStaffLogin() {
        Conversation c = server.newConversation("ko");
        assertEquals(401, server.get("/staff/api/tickets", null).statusCode());
        assertEquals("login_required", errorCode(server.get("/staff/api/tickets", null)));
        // A customer token is no staff credential.
        assertEquals(401, server.get("/staff/api/tickets", c.token()).statusCode());
        assertEquals(401, server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                .header("Cookie", "staff_session=forged").GET()).statusCode());
        // And a staff session is no customer credential.
        Staff kim = login("kim", "kim-pass");
        assertEquals(401, server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id() + "/messages"))
                .header("Cookie", kim.cookie()).GET()).statusCode());
    }

    @Test
    void wrongPasswordUnknownUserAndMalformedLoginsAreRejected() {
        assertEquals("invalid_credentials", errorCode(server.postJson("/staff/api/login",
                "{\"username\":\"kim\",\"password\":\"nope\"}", null)));
        assertEquals("invalid_credentials", errorCode(server.postJson("/staff/api/login",
                "{\"username\":\"ghost\",\"password\":\"x\"}", null)));
        assertEquals("missing_credentials", errorCode(server.postJson("/staff/api/login", "{}", null)));
        assertEquals("malformed_json", errorCode(server.postJson("/staff/api/login", "{", null)));
    }

    @Test
    void stateChangesNeedTheCsrfToken() {
        Staff kim = login("kim", "kim-pass");
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets/x/claim"))
                .header("Cookie", kim.cookie()).POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(403, r.statusCode());
        assertEquals("csrf_token_invalid", errorCode(r));
        assertEquals(404, staffPost(kim, "/staff/api/tickets/unknown/claim", "").statusCode());
    }

    @Test
    void logoutEndsTheSession() {
        Staff kim = login("kim", "kim-pass");
        assertEquals(200, staffGet(kim, "/staff/api/me").statusCode());
        assertEquals(200, staffPost(kim, "/staff/api/logout", "").statusCode());
        assertEquals(401, staffGet(kim, "/staff/api/me").statusCode());
    }

    @Test
    void handoffClaimReplyLiveAndResolve() throws Exception {
        Conversation c = server.newConversation("ko");
        server.say(c, "사업계획서 양식이 따로 있나요?");
        server.say(c, "상담원 연결해 주세요");
        Staff kim = login("kim", "kim-pass");
        Staff lee = login("lee", "lee-pass");

        JsonNode queue = TestServer.json(staffGet(kim, "/staff/api/tickets")).get("tickets");
        String ticket = ticketOf(kim, c.id());
        JsonNode entry = null;
        for (JsonNode t : queue) {
            if (t.get("ticket").get("id").asText().equals(ticket)) {
                entry = t;
            }
        }
        assertNotNull(entry);
        // The company's question, not the request for staff that followed it.
        assertEquals("사업계획서 양식이 따로 있나요?", entry.get("lastCustomerMessage").asText());
        assertEquals("user_request", entry.get("ticket").get("reason").asText());

        assertEquals(409, staffPost(kim, "/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"hi\"}").statusCode(),
                "claim before replying");
        assertEquals(200, staffPost(kim, "/staff/api/tickets/" + ticket + "/claim", "").statusCode());
        HttpResponse<String> lost = staffPost(lee, "/staff/api/tickets/" + ticket + "/claim", "");
        assertEquals(409, lost.statusCode());
        assertTrue(TestServer.json(lost).get("error").get("message").asText().contains("kim"));
        assertEquals(409, staffPost(lee, "/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"hi\"}").statusCode());

        JsonNode customerView = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()))
                .get("messages");
        assertEquals("김담당 담당자가 상담을 시작했습니다.",
                customerView.get(customerView.size() - 1).get("text").asText(), "the customer is told who joined");
        JsonNode detail = TestServer.json(staffGet(kim, "/staff/api/tickets/" + ticket));
        assertEquals(c.id(), detail.get("ticket").get("conversationId").asText());
        assertTrue(detail.get("transcript").size() >= 5);

        long lastSeen = detail.get("transcript").get(detail.get("transcript").size() - 1).get("id").asLong();
        try (SseClient sse = new SseClient(server.uri("/api/v1/conversations/" + c.id() + "/events"), c.token(),
                Long.toString(lastSeen))) {
            String xss = "<img src=x onerror=alert(1)> 양식은 홈페이지에 있습니다";
            HttpResponse<String> sent = staffPost(kim, "/staff/api/tickets/" + ticket + "/reply",
                    "{\"text\":\"" + xss + "\"}");
            assertEquals(200, sent.statusCode(), sent.body());
            SseClient.Event e = sse.next(5000);
            assertNotNull(e, "staff reply arrives live");
            assertEquals("staff", e.data().get("from").asText());
            assertEquals("김담당", e.data().get("author").asText());
            assertEquals(xss, e.data().get("text").asText());
        }
        // The bot stays silent while staff have the conversation, even for a question its FAQ answers.
        assertEquals(0, TestServer.json(server.say(c, "감사합니다 확인할게요")).get("messages").size());
        assertEquals(0, TestServer.json(server.say(c, "서류 뭐 필요해요?")).get("messages").size());

        assertEquals(200, staffPost(kim, "/staff/api/tickets/" + ticket + "/resolve", "").statusCode());
        assertEquals(409, staffPost(kim, "/staff/api/tickets/" + ticket + "/resolve", "").statusCode());
        JsonNode transcript = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()))
                .get("messages");
        assertTrue(transcript.get(transcript.size() - 2).get("text").asText().contains("종료"));
        assertEquals("csat", transcript.get(transcript.size() - 1).get("kind").asText(), "then asked to rate the conversation");
        JsonNode back = TestServer.json(server.say(c, "교육 일정 알려주세요"));
        assertEquals("training_schedule", back.get("intent").asText());
        assertEquals(false, back.get("handoff").asBoolean());
    }

    @Test
    void notesCannedAnswersTransferAndUnassign() {
        Conversation c = server.newConversation("en");
        server.say(c, "Talk to staff");
        Staff kim = login("kim", "kim-pass");
        Staff lee = login("lee", "lee-pass");
        String ticket = ticketOf(kim, c.id());
        String base = "/staff/api/tickets/" + ticket;

        assertEquals(200, staffPost(kim, base + "/notes", "{\"text\":\"<b>check company size</b>\"}").statusCode());
        assertEquals(400, staffPost(kim, base + "/notes", "{\"text\":\"\"}").statusCode());
        JsonNode detail = TestServer.json(staffGet(kim, base));
        assertEquals("<b>check company size</b>", detail.get("notes").get(0).get("text").asText());
        assertEquals("김담당", detail.get("notes").get(0).get("author").asText());
        // Notes are private: the customer's transcript does not contain them.
        assertTrue(!server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()).body().contains("check company size"));

        // Canned answers come in the customer's language (English here), rendered now.
        JsonNode canned = TestServer.json(staffGet(kim, base + "/canned?q=document")).get("answers");
        assertTrue(canned.size() >= 1);
        assertEquals("required_documents", canned.get(0).get("intent").asText());
        assertTrue(canned.get(0).get("text").asText().startsWith("The document list has not been published"), canned.toString());

        assertEquals(200, staffPost(kim, base + "/claim", "").statusCode());
        assertEquals(409, staffPost(lee, base + "/unassign", "").statusCode(), "only the owner or an admin");
        assertEquals(400, staffPost(kim, base + "/transfer", "{\"to\":\"ghost\"}").statusCode());
        HttpResponse<String> moved = staffPost(kim, base + "/transfer", "{\"to\":\"lee\"}");
        assertEquals(200, moved.statusCode(), moved.body());
        assertEquals("lee", TestServer.json(moved).get("assignee").asText());
        assertEquals(200, staffPost(lee, base + "/reply", "{\"text\":\"Hello from Lee\"}").statusCode());
        HttpResponse<String> back = staffPost(lee, base + "/unassign", "");
        assertEquals(200, back.statusCode());
        assertEquals("waiting", TestServer.json(back).get("status").asText());
        assertEquals(200, staffPost(kim, base + "/claim", "").statusCode());
        assertEquals(404, staffGet(kim, "/staff/api/tickets/nope/canned").statusCode());
    }

    @Test
    void onlyTheOwnerOrAnAdminMayResolveAClaimedTicket() {
        Conversation c = server.newConversation("ko");
        server.say(c, "상담원 연결해 주세요");
        Staff kim = login("kim", "kim-pass");
        Staff lee = login("lee", "lee-pass");
        Staff boss = login("boss", "boss-pass");
        assertEquals("admin", TestServer.json(staffGet(boss, "/staff/api/me")).get("role").asText());
        String ticket = ticketOf(kim, c.id());
        assertEquals(200, staffPost(kim, "/staff/api/tickets/" + ticket + "/claim", "").statusCode());
        assertEquals(409, staffPost(lee, "/staff/api/tickets/" + ticket + "/resolve", "").statusCode());
        assertEquals(200, staffPost(boss, "/staff/api/tickets/" + ticket + "/resolve", "").statusCode());
    }

    @Test
    void consolePageIsServedWithStrictSecurityHeaders() {
        HttpResponse<String> page = server.get("/staff/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("console.js"));
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'") && !csp.contains("unsafe"), csp);
        assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals(302, server.get("/staff", null).statusCode());
        assertEquals(404, server.get("/staff/../pom.xml", null).statusCode());
    }

    @Test
    void unknownTicketIs404ForEveryAction() {
        Staff kim = login("kim", "kim-pass");
        String base = "/staff/api/tickets/no-such-ticket";
        assertEquals(404, staffGet(kim, base).statusCode());
        assertEquals(404, staffGet(kim, base + "/canned").statusCode());
        for (String[] action : new String[][] {{"/claim", ""}, {"/reply", "{\"text\":\"x\"}"}, {"/notes", "{\"text\":\"x\"}"},
                {"/unassign", ""}, {"/transfer", "{\"to\":\"lee\"}"}, {"/resolve", ""}}) {
            HttpResponse<String> r = staffPost(kim, base + action[0], action[1]);
            assertEquals(404, r.statusCode(), action[0] + " " + r.body());
            assertEquals("ticket_not_found", errorCode(r));
        }
    }

    @Test
    void loginAttemptsAreRateLimited() throws Exception {
        // Its own server: the limit is per client address, and every test here comes from 127.0.0.1.
        try (TestServer own = TestServer.start(Map.of())) {
            int limited = 0;
            // All at once: the bucket refills one try per 6 s, and sequential tries (each hashed) take seconds.
            var pool = java.util.concurrent.Executors.newFixedThreadPool(14);
            var tries = new java.util.ArrayList<java.util.concurrent.Future<HttpResponse<String>>>();
            for (int i = 0; i < 14; i++) {
                int n = i;
                // A new username each time: this is the per-address limit, not the per-account lock-out.
                tries.add(pool.submit(() -> own.postJson("/staff/api/login",
                        "{\"username\":\"lee" + n + "\",\"password\":\"bad\"}", null)));
            }
            pool.shutdown();
            for (var t : tries) {
                HttpResponse<String> r = t.get();
                if (r.statusCode() == 429) {
                    limited++;
                    assertTrue(r.headers().firstValue("Retry-After").isPresent());
                } else {
                    assertEquals(401, r.statusCode());
                }
            }
            assertEquals(4, limited);
        }
    }
}
