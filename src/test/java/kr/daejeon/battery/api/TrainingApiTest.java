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

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void askingForTheScheduleListsSessionsWithCalendarLinks() {
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
