package kr.daejeon.battery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The training calendar over HTTP and in a web conversation, against a fixed Seoul clock. */
class TrainingApiTest {

    static final MutableClock CLOCK = new MutableClock(OffsetDateTime.parse("2026-11-25T10:00:00+09:00").toInstant());
    static TestServer server;
    /** The same content with the sessions confirmed by the office ('source: public'). */
    static TestServer confirmed;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
        confirmed = TestServer.start(Map.of("FAQ_DIR", kr.daejeon.battery.support.TestContent.confirmedTrainingSessions().toString()), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
        confirmed.close();
    }

    @Test
    void exampleSessionsAreListedWithoutSeatsStatusOrCalendarFiles() {
        Conversation c = server.newConversation("ko");
        JsonNode answer = TestServer.json(server.say(c, "교육 일정 알려주세요")).get("messages").get(0);
        String text = answer.get("text").asText();
        assertTrue(text.contains("[예시]") && text.contains("이차전지 공정 실무") && !text.contains("잔여") && !text.contains("D-"), text);
        assertEquals(0, answer.get("links").size(), answer.toString());

        JsonNode sessions = TestServer.json(server.get("/api/v1/training/sessions", null)).get("sessions");
        assertEquals(3, sessions.size());
        assertTrue(sessions.get(2).get("example").asBoolean());
        assertTrue(!sessions.get(2).has("seatsLeft") && !sessions.get(2).has("status") && !sessions.get(0).has("seats"), sessions.toString());
        HttpResponse<String> ics = server.get("/api/v1/training/sessions/process-2027-01.ics?lang=ko", null);
        assertEquals(404, ics.statusCode());
        assertEquals("session_not_found", TestServer.json(ics).get("error").get("code").asText());
    }

    @Test
    void askingForTheScheduleListsSessionsWithCalendarLinks() {
        TestServer server = confirmed;
        Conversation c = server.newConversation("ko");
        HttpResponse<String> r = server.say(c, "교육 일정 알려주세요");
        JsonNode answer = TestServer.json(r).get("messages").get(0);
        assertEquals("training_schedule", TestServer.json(r).get("intent").asText());
        assertTrue(answer.get("text").asText().contains("잔여 12석"), answer.toString());
        JsonNode links = answer.get("links");
        assertEquals(3, links.size(), answer.toString());
        String url = links.get(1).get("url").asText();
        assertEquals("/api/v1/training/sessions/process-2027-01.ics?lang=ko", url);

        HttpResponse<String> ics = server.get(url, null);
        assertEquals(200, ics.statusCode());
        assertTrue(ics.headers().firstValue("Content-Type").orElse("").startsWith("text/calendar"));
        assertTrue(ics.headers().firstValue("Content-Disposition").orElse("").contains("process-2027-01.ics"));
        assertTrue(ics.body().contains("DTSTART:20270111T003000Z"), ics.body());
    }

    @Test
    void sessionListAndErrors() {
        TestServer server = confirmed;
        JsonNode sessions = TestServer.json(server.get("/api/v1/training/sessions", null)).get("sessions");
        assertEquals("full", sessions.get(0).get("status").asText());
        assertEquals("signup_not_open", sessions.get(1).get("status").asText());
        assertEquals("open", sessions.get(2).get("status").asText());
        assertEquals(12, sessions.get(2).get("seatsLeft").asInt());

        HttpResponse<String> unknown = server.get("/api/v1/training/sessions/nope.ics", null);
        assertEquals(404, unknown.statusCode());
        assertEquals("session_not_found", TestServer.json(unknown).get("error").get("code").asText());
        assertEquals(400, server.get("/api/v1/training/sessions/process-2027-01.ics?lang=fr", null).statusCode());
        assertEquals(404, server.get("/api/v1/training/sessions/process-2027-01.txt", null).statusCode());
        assertTrue(server.get("/api/v1/training/sessions/field-2027-02.ics?lang=en", null).body()
                .contains("SUMMARY:Hiring-linked field practice"));
    }
}
