package kr.daejeon.battery.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The account admin API over real HTTP: roles travel as the words {@code agent}/{@code admin}, and each refusal
 * keeps its status and code (the domain names a reason, the web layer picks the status).
 */
class AccountsApiTest {

    static TestServer server;
    static TestStaff.Login boss;

    @BeforeAll
    static void start() {
        Path accounts = TestStaff.accountsFile("kim:김담당:agent", "boss:관리자:admin");
        server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", accounts.toString(), "STAFF_LOGIN_RATE_LIMIT_PER_MINUTE", "1000"));
        boss = TestStaff.login(server, "boss");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void rolesAreLowercaseWordsOnTheWire() {
        HttpResponse<String> list = boss.get("/staff/api/accounts");
        assertEquals(200, list.statusCode(), list.body());
        Map<String, String> roles = new java.util.HashMap<>();
        TestServer.json(list).get("accounts").forEach(a -> roles.put(a.get("username").asText(), a.get("role").asText()));
        assertEquals("agent", roles.get("kim"));
        assertEquals("admin", roles.get("boss"));
        HttpResponse<String> me = boss.get("/staff/api/me");
        assertEquals("admin", TestServer.json(me).get("role").asText(), me.body());
    }

    @Test
    void refusalsKeepTheirStatusAndCode() {
        assertError(boss.post("/staff/api/accounts", "{\"username\":\"park\",\"role\":\"owner\",\"password\":\"long-enough-pw\"}"),
                400, "invalid_role");
        assertError(boss.post("/staff/api/accounts", "{\"username\":\"park\",\"password\":\"short\"}"), 400, "weak_password");
        assertError(boss.post("/staff/api/accounts", "{\"username\":\"kim\",\"password\":\"long-enough-pw\"}"), 409, "account_exists");
        assertError(boss.post("/staff/api/accounts/nobody", "{\"name\":\"X\"}"), 404, "account_not_found");
        assertError(boss.post("/staff/api/accounts/boss", "{\"role\":\"agent\"}"), 409, "own_account");
    }

    @Test
    void anAdminChangesARole() {
        HttpResponse<String> r = boss.post("/staff/api/accounts", "{\"username\":\"choi\",\"name\":\"최담당\",\"password\":\"long-enough-pw\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("agent", TestServer.json(r).get("role").asText(), "a new account is an agent unless told");
        r = boss.post("/staff/api/accounts/choi", "{\"role\":\"admin\"}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("admin", TestServer.json(r).get("role").asText());
    }

    private static void assertError(HttpResponse<String> r, int status, String code) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, TestServer.json(r).get("error").get("code").asText(), r.body());
    }
}
