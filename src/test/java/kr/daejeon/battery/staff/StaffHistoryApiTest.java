package kr.daejeon.battery.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * History search over real HTTP, on the memory store and on Redis: open and resolved conversations
 * found by text, date, intent, channel, status and contact, paged; a conversation's transcript with its
 * tickets and notes; the contact left after hours on the ticket; staff only, JSON errors.
 */
public class StaffHistoryApiTest {

    // Saturday 2027-03-06 10:00 KST: staff work MON-FRI, so the handoff asks for a contact.
    public static final Instant SATURDAY = Instant.parse("2027-03-06T01:00:00Z");

    static TestServer start(String store, MutableClock clock) {
        Map<String, String> env = new HashMap<>(Map.of("STAFF_ACCOUNTS_FILE",
                TestStaff.accountsFile("kim:김담당:agent").toString(), "BUSINESS_HOURS", "MON-FRI 09:00-18:00"));
        if (store.equals("redis")) {
            env.put("REDIS_URL", TestRedis.shared().url());
            env.put("REDIS_KEY_PREFIX", "hist" + Tokens.random(6));
        }
        return TestServer.start(env, clock);
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void openAndResolvedConversationsAreFoundByEveryFilter(String store) {
        MutableClock clock = new MutableClock(SATURDAY);
        try (TestServer server = start(store, clock)) {
            assertEquals(401, server.get("/staff/api/history", null).statusCode(), "staff only");
            assertEquals("login_required", TestServer.json(server.get("/staff/api/history", null)).get("error").get("code").asText());

            Conversation ko = server.newConversation("ko");
            server.say(ko, "제출 서류 목록이 궁금해요");
            server.say(ko, "상담원 연결해 주세요");
            server.sayWithConsent(ko, "010-2345-6789 로 연락 주세요");
            clock.advance(java.time.Duration.ofHours(2));
            Conversation en = server.newConversation("en");
            server.say(en, "Talk to staff");
            server.sayWithConsent(en, "please write to Lee.Park@Example.com");

            TestStaff.Login kim = TestStaff.login(server, "kim");
            String koTicket = ticketOfConversation(kim, ko.id());
            assertEquals(200, kim.post("/staff/api/tickets/" + koTicket + "/claim", "").statusCode());
            assertEquals(200, kim.post("/staff/api/tickets/" + koTicket + "/notes", "{\"text\":\"서류 안내 메일 보냄\"}").statusCode());
            assertEquals(200, kim.post("/staff/api/tickets/" + koTicket + "/resolve", "").statusCode());

            // The contact left after hours is on the ticket.
            assertEquals("010-2345-6789", TestServer.json(kim.get("/staff/api/tickets/" + koTicket)).get("ticket").get("contact").asText());

            assertEquals(List.of(en.id(), ko.id()), conversations(kim, ""), "everything, newest first");
            assertEquals(List.of(ko.id()), conversations(kim, "text=%EC%84%9C%EB%A5%98"), "text: 서류");
            JsonNode hit = TestServer.json(kim.get("/staff/api/history?text=%EC%84%9C%EB%A5%98")).get("results").get(0);
            assertTrue(hit.get("snippet").asText().contains("서류"), hit.toString());
            assertEquals(List.of(ko.id()), conversations(kim, "status=resolved"));
            assertEquals(List.of(en.id()), conversations(kim, "status=waiting"));
            assertEquals(List.of(en.id()), conversations(kim, "contact=example.COM"), "contact, any case");
            assertEquals(List.of(ko.id()), conversations(kim, "contact=2345"));
            assertEquals(List.of(ko.id()), conversations(kim, "intent=required_documents"), "intent of a customer message");
            assertEquals(List.of(en.id(), ko.id()), conversations(kim, "channel=web"));
            assertEquals(List.of(), conversations(kim, "channel=telegram"));
            assertEquals(List.of(en.id(), ko.id()), conversations(kim, "from=2027-03-06&to=2027-03-06"));
            assertEquals(List.of(), conversations(kim, "from=2027-03-07&to=2027-03-08"));
            assertEquals(List.of(), conversations(kim, "to=2027-03-05"));
            assertEquals(List.of(ko.id()), conversations(kim, "text=%EC%95%88%EB%82%B4+%EB%A9%94%EC%9D%BC"), "text in a note: 안내 메일");

            JsonNode page = TestServer.json(kim.get("/staff/api/history?size=1&page=1"));
            assertEquals(2, page.get("total").asInt());
            assertEquals(1, page.get("results").size());
            assertEquals(ko.id(), page.get("results").get(0).get("ticket").get("conversationId").asText());
            assertFalse(page.get("truncated").asBoolean());

            for (String bad : List.of("from=yesterday", "size=0", "size=101", "page=-1", "status=open", "from=2027-03-07&to=2027-03-06")) {
                HttpResponse<String> r = kim.get("/staff/api/history?" + bad);
                assertEquals(400, r.statusCode(), bad);
                assertEquals("invalid_query", TestServer.json(r).get("error").get("code").asText(), bad);
            }

            // A conversation: its whole transcript, its tickets with their notes.
            JsonNode view = TestServer.json(kim.get("/staff/api/conversations/" + ko.id()));
            assertTrue(view.get("transcript").toString().contains("제출 서류 목록이 궁금해요"));
            assertEquals(koTicket, view.get("tickets").get(0).get("ticket").get("id").asText());
            assertEquals("서류 안내 메일 보냄", view.get("tickets").get(0).get("notes").get(0).get("text").asText());
            HttpResponse<String> unknown = kim.get("/staff/api/conversations/nope");
            assertEquals(404, unknown.statusCode());
            assertEquals("conversation_not_found", TestServer.json(unknown).get("error").get("code").asText());
        }
    }

    public static String ticketOfConversation(TestStaff.Login staff, String conversationId) {
        for (JsonNode v : TestServer.json(staff.get("/staff/api/tickets")).get("tickets")) {
            if (v.get("ticket").get("conversationId").asText().equals(conversationId)) {
                return v.get("ticket").get("id").asText();
            }
        }
        throw new AssertionError("no ticket for " + conversationId);
    }

    static List<String> conversations(TestStaff.Login staff, String query) {
        HttpResponse<String> r = staff.get("/staff/api/history?" + query);
        assertEquals(200, r.statusCode(), r.body());
        List<String> ids = new ArrayList<>();
        TestServer.json(r).get("results").forEach(h -> ids.add(h.get("ticket").get("conversationId").asText()));
        return ids;
    }
}
