package kr.daejeon.battery.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Transport and session hardening checked over real HTTP: HSTS behind TLS, framing, sniffing, session fixation. */
class SecurityHeadersAndSessionsTest {

    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void hstsOnlyWhenTheRequestCameOverTls() {
        HttpResponse<String> plain = server.get("/health", null);
        assertTrue(plain.headers().firstValue("Strict-Transport-Security").isEmpty(), "not over plain HTTP");
        HttpResponse<String> viaTlsProxy = server.send(HttpRequest.newBuilder(server.uri("/health"))
                .header("X-Forwarded-Proto", "https").GET());
        String hsts = viaTlsProxy.headers().firstValue("Strict-Transport-Security").orElse("");
        assertTrue(hsts.contains("max-age=31536000"), hsts);
    }

    @Test
    void pagesCannotBeFramedOrSniffed() {
        for (String path : new String[] {"/", "/staff/", "/api/v1/conversations/x/messages"}) {
            HttpResponse<String> r = server.get(path, null);
            assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""), path);
            assertEquals("DENY", r.headers().firstValue("X-Frame-Options").orElse(""), path);
        }
        for (String path : new String[] {"/", "/staff/"}) {
            String csp = server.get(path, null).headers().firstValue("Content-Security-Policy").orElse("");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'") && !csp.contains("unsafe"),
                    path + ": " + csp);
        }
    }

    @Test
    void loginNeverAdoptsASessionIdTheClientBrought() {
        String planted = "staff_session=attacker-chosen-session-id-0123456789";
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/staff/api/login")).header("Cookie", planted)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"kim\",\"password\":\"kim-pass\"}")));
        assertEquals(200, r.statusCode(), r.body());
        String issued = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertNotEquals(planted, issued.substring(0, issued.indexOf(';')));
        assertEquals(401, server.send(HttpRequest.newBuilder(server.uri("/staff/api/me")).header("Cookie", planted).GET())
                .statusCode(), "the planted id is not a session");
        // Each login is a new session: an id seen before logging in again is never reused.
        TestStaff.Login first = TestStaff.login(server, "kim");
        TestStaff.Login second = TestStaff.login(server, "kim");
        assertNotEquals(first.cookie(), second.cookie());
        assertTrue(issued.toLowerCase(java.util.Locale.ROOT).contains("httponly") && issued.contains("SameSite=Strict") && issued.contains("Path=/staff"), issued);
    }
}
