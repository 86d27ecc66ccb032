package kr.daejeon.battery.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.staff.StaffHistoryApiTest;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reports over real HTTP on both stores: conversations, turns, handoffs, resolved, median wait,
 * by channel and intent, unanswered, per day and week; CSV download; staff only; in Redis the
 * counts survive a restart.
 */
public class ReportsApiTest {

    // Tuesday 2027-03-02 10:00 KST, inside business hours.
    public static final Instant TUESDAY = Instant.parse("2027-03-02T01:00:00Z");
    public static final Path ACCOUNTS = TestStaff.accountsFile("kim:김담당:agent");

    static TestServer start(String store, String prefix, MutableClock clock) {
        Map<String, String> env = new HashMap<>(Map.of("STAFF_ACCOUNTS_FILE", ACCOUNTS.toString()));
        if (store.equals("redis")) {
            env.put("REDIS_URL", TestRedis.shared().url());
            env.put("REDIS_KEY_PREFIX", prefix);
        }
        return TestServer.start(env, clock);
    }

    /** Day 1: two conversations (one asks for staff, claimed after 3 min and resolved; one falls back). Day 2: one more. */
    public static void traffic(TestServer server, MutableClock clock) {
        Conversation a = server.newConversation("ko");
        server.say(a, "신청 마감이 언제예요?");
        server.say(a, "상담원 연결해 주세요");
        Conversation b = server.newConversation("en");
        server.say(b, "what is the weather on mars today");
        TestStaff.Login kim = TestStaff.login(server, "kim");
        String ticket = StaffHistoryApiTest.ticketOfConversation(kim, a.id());
        clock.advance(Duration.ofMinutes(3));
        assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/claim", "").statusCode());
        assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/resolve", "").statusCode());
        clock.advance(Duration.ofDays(1));
        Conversation c = server.newConversation("ko");
        server.say(c, "제출 서류가 뭐예요");
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void countsPerDayAndWeekFromWhatTheServiceKeeps(String store) {
        MutableClock clock = new MutableClock(TUESDAY);
        try (TestServer server = start(store, "rep" + Tokens.random(6), clock)) {
            assertEquals(401, server.get("/staff/api/reports", null).statusCode());
            traffic(server, clock);
            TestStaff.Login kim = TestStaff.login(server, "kim");

            JsonNode r = TestServer.json(kim.get("/staff/api/reports?from=2027-03-02&to=2027-03-03"));
            assertEquals("day", r.get("by").asText());
            JsonNode day1 = r.get("periods").get(0);
            JsonNode day2 = r.get("periods").get(1);
            assertEquals("2027-03-02", day1.get("period").asText());
            assertEquals(2, day1.get("conversations").asInt());
            assertEquals(3, day1.get("turns").asInt());
            assertEquals(1, day1.get("handoffs").asInt());
            assertEquals(1, day1.get("resolved").asInt());
            assertEquals(180, day1.get("medianWaitSeconds").asInt());
            assertEquals(1, day1.get("unanswered").asInt(), "the Mars question");
            assertEquals(1, day1.get("byIntent").get("application_deadline").asInt());
            assertEquals(1, day1.get("byIntent").get("fallback").asInt());
            assertEquals(3, day1.get("byChannel").get("web").asInt());
            assertEquals(1, day2.get("conversations").asInt());
            assertEquals(0, day2.get("handoffs").asInt());
            assertTrue(day2.get("medianWaitSeconds").isNull());
            assertEquals(3, r.get("totals").get("conversations").asInt());
            assertEquals(4, r.get("totals").get("turns").asInt());

            JsonNode week = TestServer.json(kim.get("/staff/api/reports?from=2027-02-24&to=2027-03-07&by=week"));
            assertEquals(List.of("2027-02-22", "2027-03-01"), List.of(week.get("periods").get(0).get("period").asText(),
                    week.get("periods").get(1).get("period").asText()), "weeks start on Monday");
            assertEquals("2027-02-24", week.get("periods").get(0).get("start").asText(), "clipped to the range");
            assertEquals(3, week.get("periods").get(1).get("conversations").asInt());

            HttpResponse<String> csv = kim.get("/staff/api/reports?from=2027-03-02&to=2027-03-03&format=csv");
            assertEquals(200, csv.statusCode());
            assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
            assertTrue(csv.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
            List<String> lines = csv.body().lines().toList();
            assertTrue(lines.get(0).startsWith("\uFEFFperiod,start,end,conversations,turns,handoffs,resolved,median_wait_seconds,unanswered"),
                    lines.get(0));
            assertTrue(lines.get(0).contains("turns_intent_application_deadline"), lines.get(0));
            assertTrue(lines.get(1).startsWith("2027-03-02,2027-03-02,2027-03-02,2,3,1,1,180,1"), lines.get(1));
            assertTrue(lines.get(3).startsWith("total,2027-03-02,2027-03-03,3,4,1,1,180,1"), lines.get(3));

            for (String bad : List.of("from=x", "by=month", "from=2027-03-04&to=2027-03-02", "from=2025-01-01&to=2027-03-02")) {
                HttpResponse<String> e = kim.get("/staff/api/reports?" + bad);
                assertEquals(400, e.statusCode(), bad);
                assertEquals("invalid_query", TestServer.json(e).get("error").get("code").asText(), bad);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void containmentFallbacksThumbsDownResponseAndResolutionTimesAndSatisfaction(String store) {
        MutableClock clock = new MutableClock(TUESDAY);
        try (TestServer server = start(store, "rep" + Tokens.random(6), clock)) {
            Conversation a = server.newConversation("ko");
            server.say(a, "상담원 연결해 주세요");
            Conversation b = server.newConversation("ko");
            JsonNode answer = TestServer.json(server.say(b, "신청 마감이 언제예요?"));
            long answerId = answer.get("messages").get(0).get("id").asLong();
            assertEquals(200, server.postJson("/api/v1/conversations/" + b.id() + "/messages/" + answerId + "/feedback",
                    "{\"rating\":\"down\"}", b.token()).statusCode());
            server.say(b, "what is the weather on mars today");
            server.say(b, "what is the weather on mars today?");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            String ticket = StaffHistoryApiTest.ticketOfConversation(kim, a.id());
            clock.advance(Duration.ofMinutes(2));
            assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/claim", "").statusCode());
            clock.advance(Duration.ofMinutes(1));
            assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"안녕하세요\"}").statusCode());
            assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"확인했습니다\"}").statusCode());
            clock.advance(Duration.ofMinutes(7));
            assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/resolve", "").statusCode());
            assertEquals(200, server.postJson("/api/v1/conversations/" + a.id() + "/tickets/" + ticket + "/satisfaction",
                    "{\"score\":4}", a.token()).statusCode());

            JsonNode t = TestServer.json(kim.get("/staff/api/reports?from=2027-03-02&to=2027-03-02")).get("totals");
            assertEquals(2, t.get("conversations").asInt());
            assertEquals(1, t.get("contained").asInt(), "b never reached staff");
            assertEquals(2, t.get("fallbacks").asInt());
            assertEquals(1, t.get("ratedDown").asInt());
            assertEquals(180, t.get("avgFirstResponseSeconds").asInt(), "the first reply counts, not the second");
            assertEquals(600, t.get("avgResolutionSeconds").asInt());
            assertEquals(1, t.get("satisfactionRatings").asInt());
            assertEquals(4.0, t.get("satisfactionAverage").asDouble());
            assertEquals(1, t.get("satisfactionScores").get("4").asInt());
            JsonNode report = TestServer.json(kim.get("/staff/api/reports?from=2027-03-02&to=2027-03-02"));
            assertEquals("application_deadline", report.get("topIntents").get(0).get("label").asText(), report.toString());
            assertTrue(report.get("topUnanswered").get(0).get("label").asText().contains("mars"), report.toString());
            String csv = kim.get("/staff/api/reports?from=2027-03-02&to=2027-03-02&format=csv").body();
            assertTrue(csv.lines().toList().get(0).contains("unanswered,contained,fallbacks,rated_down,avg_first_response_seconds,"
                    + "avg_resolution_seconds,satisfaction_ratings,satisfaction_average"), csv);
            assertTrue(csv.lines().toList().get(2).startsWith("total,2027-03-02,2027-03-02,2,4,1,1,120,2,1,2,1,180,600,1,4.0"), csv);
        }
    }

    @Test
    void redisCountsSurviveARestartAndAddUpOverNodes() {
        String prefix = "rep" + Tokens.random(6);
        MutableClock clock = new MutableClock(TUESDAY);
        try (TestServer first = start("redis", prefix, clock)) {
            first.say(first.newConversation("ko"), "교육 일정 알려주세요");
        }
        try (TestServer second = start("redis", prefix, clock); TestServer other = start("redis", prefix, clock)) {
            other.say(other.newConversation("en"), "training schedule please");
            TestStaff.Login kim = TestStaff.login(second, "kim");
            JsonNode day = TestServer.json(kim.get("/staff/api/reports?from=2027-03-02&to=2027-03-02"));
            long until = System.currentTimeMillis() + 15_000;
            // The other node flushes its counts every few seconds.
            while (day.get("totals").get("conversations").asInt() < 2 && System.currentTimeMillis() < until) {
                sleep();
                day = TestServer.json(kim.get("/staff/api/reports?from=2027-03-02&to=2027-03-02"));
            }
            assertEquals(2, day.get("totals").get("conversations").asInt(), "one before the restart, one from another node");
            assertEquals(2, day.get("totals").get("byIntent").get("training_schedule").asInt());
        }
    }

    static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
