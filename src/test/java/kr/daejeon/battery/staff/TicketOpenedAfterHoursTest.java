package kr.daejeon.battery.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;

/** The console tells a ticket opened outside business hours (the bot asked for a contact) from one opened in them. */
class TicketOpenedAfterHoursTest {

    @Test
    void aTicketOpenedAt2332KstIsMarkedAfterHoursAndOneAt10IsNot() throws Exception {
        Path accounts = TestStaff.accountsFile("kim:김담당:agent");
        // Wednesday 2027-03-03 23:32 KST; staff work MON-FRI 09:00-18:00.
        MutableClock clock = new MutableClock(Instant.parse("2027-03-03T14:32:00Z"));
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", accounts.toString(),
                "BUSINESS_HOURS", "MON-FRI 09:00-18:00"), clock)) {
            Conversation night = server.newConversation("ko");
            server.say(night, "선정 평가는 어떻게 하나요?");
            server.say(night, "상담원 연결");
            clock.set(Instant.parse("2027-03-04T01:00:00Z")); // Thursday 10:00 KST
            Conversation morning = server.newConversation("ko");
            server.say(morning, "상담원 연결해 주세요");

            String cookie = login(server);
            JsonNode queue = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                    .header("Cookie", cookie).GET())).get("tickets");
            assertEquals(2, queue.size(), queue.toString());
            for (JsonNode v : queue) {
                String conversation = v.get("ticket").get("conversationId").asText();
                if (conversation.equals(night.id())) {
                    assertTrue(v.get("openedAfterHours").asBoolean(), v.toString());
                    assertEquals("선정 평가는 어떻게 하나요?", v.get("lastCustomerMessage").asText());
                } else {
                    assertFalse(v.get("openedAfterHours").asBoolean(), v.toString());
                    // Nothing but the request was said: that is the summary.
                    assertEquals("상담원 연결해 주세요", v.get("lastCustomerMessage").asText());
                }
            }
        }
    }

    private static String login(TestServer server) {
        var r = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }
}
