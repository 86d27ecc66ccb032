package kr.daejeon.battery.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import kr.daejeon.battery.staff.PasswordHasher;

/** Writes a staff accounts file for tests: each account is username, display name, role; password = username + "-pass". */
public final class TestStaff {

    private TestStaff() {
    }

    /** A logged-in staff member on one server: the session cookie and the CSRF token for writes. */
    public record Login(TestServer server, String cookie, String csrf) {

        public java.net.http.HttpResponse<String> get(String path) {
            return server.send(java.net.http.HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie).GET());
        }

        public java.net.http.HttpResponse<String> post(String path, String json) {
            return server.send(java.net.http.HttpRequest.newBuilder(server.uri(path)).header("Cookie", cookie)
                    .header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)));
        }
    }

    /** Logs in with the test password ({@code username + "-pass"}); fails the test when refused. */
    public static Login login(TestServer server, String username) {
        var r = server.postJson("/staff/api/login",
                "{\"username\":\"" + username + "\",\"password\":\"" + username + "-pass\"}", null);
        if (r.statusCode() != 200) {
            throw new AssertionError("login failed: " + r.statusCode() + " " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        return new Login(server, setCookie.substring(0, setCookie.indexOf(';')), TestServer.json(r).get("csrfToken").asText());
    }

    public static Path accountsFile(String... accounts) {
        StringBuilder yaml = new StringBuilder("accounts:\n");
        for (String account : accounts) {
            String[] p = account.split(":");
            yaml.append("  - {username: ").append(p[0]).append(", name: ").append(p[1]).append(", role: ").append(p[2])
                    .append(", password_hash: '").append(PasswordHasher.hash((p[0] + "-pass").toCharArray())).append("'}\n");
        }
        try {
            Path file = Files.createTempFile("staff", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
