package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.staff.StaffAudit;
import kr.daejeon.battery.staff.StaffSession;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 20 (PIPA): nothing recorded which staff member viewed a transcript, exported a report or erased a
 * conversation. Now each is kept — who, what, when — for admins, shared through Redis, with its own retention.
 */
class StaffAuditTest {

    @Test
    void viewsExportsAndErasuresAreRecordedForAdminsOnEveryNode() {
        String prefix = "audit" + System.nanoTime();
        Map<String, String> env = Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix,
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent", "boss:관리자:admin").toString());
        try (TestServer a = TestServer.start(env); TestServer b = TestServer.start(env); Jedis j = TestRedis.shared().client()) {
            Conversation c = a.newConversation("ko");
            assertEquals(200, a.say(c, "상담원 연결해 주세요").statusCode());
            TestStaff.Login kim = TestStaff.login(a, "kim");
            assertEquals(200, kim.get("/staff/api/conversations/" + c.id()).statusCode());
            String ticket = TestServer.json(kim.get("/staff/api/tickets")).get("tickets").get(0).get("ticket").get("id").asText();
            assertEquals(200, kim.get("/staff/api/tickets/" + ticket).statusCode());
            HttpResponse<String> csv = kim.get("/staff/api/reports?format=csv&from=2026-11-20&to=2026-12-01");
            assertEquals(200, csv.statusCode(), csv.body());
            HttpResponse<String> erased = a.send(HttpRequest.newBuilder(a.uri("/staff/api/conversations/" + c.id()))
                    .header("Cookie", kim.cookie()).header("X-CSRF-Token", kim.csrf()).DELETE());
            assertEquals(200, erased.statusCode(), erased.body());

            HttpResponse<String> forbidden = kim.get("/staff/api/audit");
            assertEquals(403, forbidden.statusCode(), "agents do not read the audit log");

            TestStaff.Login boss = TestStaff.login(b, "boss");
            JsonNode entries = TestServer.json(boss.get("/staff/api/audit")).get("entries");
            List<String> seen = new ArrayList<>();
            entries.forEach(e -> seen.add(e.get("who").asText() + " " + e.get("action").asText() + " " + e.get("target").asText()));
            assertEquals(List.of("kim ERASED_CONVERSATION " + c.id(), "kim EXPORTED_REPORT 2026-11-20..2026-12-01 by day",
                    "kim VIEWED_TICKET " + ticket, "kim VIEWED_TRANSCRIPT " + c.id()), seen, "newest first, on the other node too");
            assertTrue(Instant.parse(entries.get(0).get("at").asText()).isAfter(Instant.now().minusSeconds(120)));
            assertFalse(entries.toString().contains("상담원"), "no customer text in the log");

            HttpResponse<String> export = boss.get("/staff/api/audit?format=csv");
            assertEquals(200, export.statusCode());
            assertTrue(export.body().startsWith("at,who,role,action,target\r\n"), export.body());
            assertTrue(export.body().contains(",kim,agent,viewed_transcript," + c.id()), export.body());
            JsonNode after = TestServer.json(boss.get("/staff/api/audit?limit=1")).get("entries");
            assertEquals("boss EXPORTED_AUDIT", after.get(0).get("who").asText() + " " + after.get(0).get("action").asText(),
                    "the export of the audit log is itself recorded");
        }
    }

    @Test
    void entriesGoAfterTheirRetentionPeriodInMemory() {
        MutableClock clock = new MutableClock(Instant.parse("2027-03-01T00:00:00Z"));
        StaffAudit audit = new StaffAudit(new kr.daejeon.battery.infra.memory.InMemoryCappedList<>(StaffAudit.CAPACITY), Duration.ofDays(365), clock);
        StaffSession kim = new StaffSession("kim", "김담당", kr.daejeon.battery.staff.StaffRole.AGENT, "csrf", Instant.MAX);
        audit.record(kim, StaffAudit.Action.VIEWED_TRANSCRIPT, "c1");
        clock.advance(Duration.ofDays(200));
        audit.record(kim, StaffAudit.Action.ERASED_CONVERSATION, "c1");
        clock.advance(Duration.ofDays(200));
        assertEquals(1, audit.sweep());
        assertEquals(List.of(StaffAudit.Action.ERASED_CONVERSATION), audit.recent(10).stream().map(StaffAudit.Entry::action).toList());
    }
}
