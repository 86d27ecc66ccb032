package kr.daejeon.battery.channel.kakao;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 20 #10: a forged skill request (with the right secret) names a callbackUrl on an internal host; by
 * default only Kakao's callback host, over https, is ever called, and the refusal is logged without the URL's
 * one-time path.
 */
class KakaoCallbackHostsTest {

    static final String SECRET = "kakao-skill-secret-0123";

    @Test
    void onlyListedHostsOverHttpsAreAllowed() {
        KakaoCallbackHosts kakao = new KakaoCallbackHosts(Set.of("bot-api.kakao.com"));
        assertNull(kakao.refusal("https://bot-api.kakao.com/v1/bots/abc/callback/tok"));
        assertNull(kakao.refusal("https://BOT-API.kakao.com/callback/x"));
        assertEquals("https only", kakao.refusal("http://bot-api.kakao.com/callback/x"));
        for (String forged : List.of("https://127.0.0.1/callback", "https://bot-api.kakao.com.evil.example/cb",
                "https://evil.example/bot-api.kakao.com", "https://bot-api.kakao.com@evil.example/cb",
                "https://evil.example#@bot-api.kakao.com", "ftp://bot-api.kakao.com/x", "file:///etc/passwd",
                "https://kakao.com/x", "not a url", "")) {
            assertFalse(kakao.allows(forged), forged);
        }
        // Plain http only to a loopback host that is listed (a local fake platform).
        KakaoCallbackHosts local = new KakaoCallbackHosts(Set.of("127.0.0.1"));
        assertNull(local.refusal("http://127.0.0.1:8081/callback/x"));
        assertEquals("https only", new KakaoCallbackHosts(Set.of("10.0.0.5")).refusal("http://10.0.0.5/callback/x"));
        assertEquals("https://bot-api.kakao.com/…", KakaoCallbackHosts.masked("https://bot-api.kakao.com/v1/bots/b/callback/secret"));
    }

    @Test
    void aForgedCallbackToAnInternalHostIsNeverCalled() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger log = (Logger) LoggerFactory.getLogger(KakaoCallbackHosts.class);
        log.addAppender(logs);
        try (FakePlatform internal = new FakePlatform();
             TestServer server = TestServer.start(Map.of("KAKAO_SKILL_SECRET", SECRET, "KAKAO_BOT_IDS", "bot-1",
                     "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()))) {
            String forged = internal.baseUrl() + "/internal/secret-path-token";
            HttpResponse<String> handoff = skill(server, "상담원 연결해 주세요", forged);
            assertEquals(200, handoff.statusCode(), handoff.body());
            String[] staff = login(server);
            String ticket = waitingTicket(server, staff);
            post(server, staff, "/staff/api/tickets/" + ticket + "/claim", "");
            post(server, staff, "/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"확인했습니다.\"}");
            assertNull(internal.next(2000), "nothing was posted to the forged callback host");
            // The staff lines wait for the user's next message instead.
            HttpResponse<String> next = skill(server, "네", null);
            assertTrue(next.body().contains("확인했습니다."), next.body());
            List<String> lines = logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
            assertTrue(lines.stream().anyMatch(l -> l.contains("refused") && l.contains("127.0.0.1")), lines.toString());
            assertTrue(lines.stream().noneMatch(l -> l.contains("secret-path-token")), "the one-time path is not logged");
        } finally {
            log.detachAppender(logs);
        }
    }

    static HttpResponse<String> skill(TestServer server, String utterance, String callbackUrl) {
        String body = "{\"userRequest\":{\"utterance\":\"" + utterance + "\","
                + (callbackUrl == null ? "" : "\"callbackUrl\":\"" + callbackUrl + "\",")
                + "\"user\":{\"id\":\"forged-user\",\"type\":\"botUserKey\"}},\"bot\":{\"id\":\"bot-1\"}}";
        return server.send(HttpRequest.newBuilder(server.uri("/channels/kakao/skill")).header("X-Skill-Secret", SECRET)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    static String[] login(TestServer server) {
        HttpResponse<String> r = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
        return new String[] {r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0],
                TestServer.json(r).get("csrfToken").asText()};
    }

    static String waitingTicket(TestServer server, String[] staff) {
        JsonNode tickets = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/staff/api/tickets"))
                .header("Cookie", staff[0]).GET())).get("tickets");
        return tickets.get(0).get("ticket").get("id").asText();
    }

    static void post(TestServer server, String[] staff, String path, String body) {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri(path)).header("Cookie", staff[0])
                .header("X-CSRF-Token", staff[1]).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
        assertEquals(200, r.statusCode(), r.body());
    }
}
