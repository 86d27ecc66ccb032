package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.reports.ReportsApiTest;
import kr.daejeon.battery.staff.StaffHistoryApiTest;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Satisfaction when staff resolve, over real HTTP on both stores: the customer is asked (a csat line naming the
 * ticket), rates once (1-5, optional comment), the rating is on the ticket for staff; bad input is a 400, another
 * conversation's ticket a 404, an open ticket or a second rating a 409.
 */
class SatisfactionApiTest {

    static HttpResponse<String> rate(TestServer server, Conversation c, String ticket, String body) {
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id() + "/tickets/" + ticket
                        + "/satisfaction")).header("Authorization", "Bearer " + c.token()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String code(HttpResponse<String> r) {
        return TestServer.json(r).path("error").path("code").asText();
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void theCustomerRatesAResolvedTicketOnce(String store) {
        MutableClock clock = new MutableClock(ReportsApiTest.TUESDAY);
        Map<String, String> env = new HashMap<>(Map.of("STAFF_ACCOUNTS_FILE", ReportsApiTest.ACCOUNTS.toString()));
        if (store.equals("redis")) {
            env.put("REDIS_URL", TestRedis.shared().url());
            env.put("REDIS_KEY_PREFIX", "csat" + Tokens.random(6));
        }
        try (TestServer server = TestServer.start(env, clock)) {
            Conversation c = server.newConversation("ko");
            server.say(c, "상담원 연결해 주세요");
            Conversation other = server.newConversation("ko");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            String ticket = StaffHistoryApiTest.ticketOfConversation(kim, c.id());

            assertEquals("ticket_open", code(rate(server, c, ticket, "{\"score\":5}")), "not before staff are done");
            assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/claim", "").statusCode());
            assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/resolve", "").statusCode());

            JsonNode last = null;
            for (JsonNode m : TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token())).get("messages")) {
                last = m;
            }
            assertEquals("csat", last.get("kind").asText(), "the customer is asked after the resolved line");
            assertEquals(ticket, last.get("ticketId").asText());

            for (String bad : new String[] {"{}", "{\"score\":0}", "{\"score\":6}", "{\"score\":4.5}", "{\"score\":\"5\"}",
                    "{\"score\":5,\"comment\":7}", "[5]", "{\"score\":5,\"comment\":\"" + "가".repeat(1001) + "\"}"}) {
                HttpResponse<String> r = rate(server, c, ticket, bad);
                assertEquals(400, r.statusCode(), bad + " -> " + r.body());
                assertTrue(r.body().startsWith("{\"error\":{\"code\":"), r.body());
            }
            assertEquals(400, rate(server, c, ticket, "{\"score\":").statusCode(), "malformed JSON");
            // Someone else's ticket: with their own token it is not found; with the wrong token it is refused.
            HttpResponse<String> foreign = rate(server, other, ticket, "{\"score\":1}");
            assertEquals(404, foreign.statusCode(), foreign.body());
            assertEquals("ticket_not_found", code(foreign));
            HttpResponse<String> wrongToken = server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id()
                            + "/tickets/" + ticket + "/satisfaction")).header("Authorization", "Bearer " + other.token())
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"score\":1}")));
            assertEquals(401, wrongToken.statusCode());

            HttpResponse<String> ok = rate(server, c, ticket, "{\"score\":4,\"comment\":\"  친절했어요 <script>  \"}");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals(4, TestServer.json(ok).get("score").asInt());
            HttpResponse<String> again = rate(server, c, ticket, "{\"score\":1}");
            assertEquals(409, again.statusCode());
            assertEquals("already_rated", code(again));

            JsonNode onTicket = TestServer.json(kim.get("/staff/api/tickets/" + ticket)).get("ticket").get("satisfaction");
            assertEquals(4, onTicket.get("score").asInt(), "the first rating stays");
            assertEquals("친절했어요 <script>", onTicket.get("comment").asText());
        }
    }
}
