package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;

/** Issue 20 #5: the staff queue showed only the oldest 200 tickets; now every ticket is reachable over HTTP. */
class StaffQueuePagingTest {

    @Test
    void all230TicketsAreReachableAndTheOldCallStillWorks() {
        try (TestServer server = TestServer.start(Map.of("RATE_LIMIT_PER_MINUTE", "100000",
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()))) {
            for (int i = 0; i < 230; i++) {
                Conversation c = server.newConversation("ko");
                HttpResponse<String> r = server.say(c, "상담원 연결해 주세요");
                assertEquals(200, r.statusCode(), r.body());
            }
            HttpResponse<String> login = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
            String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
            // The console's call, unchanged: the first 200, oldest first, now with where to go on.
            JsonNode first = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                    .header("Cookie", cookie).GET()));
            assertEquals(200, first.get("tickets").size());
            assertEquals(230, first.get("total").asLong());
            Set<String> seen = new HashSet<>();
            String after = null;
            for (int page = 0; page < 10; page++) {
                String q = "/staff/api/tickets?limit=64" + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
                JsonNode body = TestServer.json(server.send(HttpRequest.newBuilder(server.uri(q)).header("Cookie", cookie).GET()));
                body.get("tickets").forEach(t -> seen.add(t.get("ticket").get("id").asText()));
                after = body.get("next").isNull() ? null : body.get("next").asText();
                if (after == null) {
                    break;
                }
            }
            assertEquals(230, seen.size(), "every ticket reachable");
            HttpResponse<String> bad = server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets?after=nonsense"))
                    .header("Cookie", cookie).GET());
            assertEquals(400, bad.statusCode(), bad.body());
            assertTrue(bad.body().contains("\"error\""));
        }
    }
}
