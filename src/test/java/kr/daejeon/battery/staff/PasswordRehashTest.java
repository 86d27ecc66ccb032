package kr.daejeon.battery.staff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisAccountStore;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;

/**
 * An account whose stored hash predates the raise to 600,000 iterations (210,000, OWASP's SHA-512
 * figure) logs in as before, and leaves the login with its hash stored again at today's count, in the
 * shared Redis every node reads, audited. A wrong password changes nothing.
 */
class PasswordRehashTest {

    @Test
    void aLoginWithAnOldHashStoresItAgainAtTodaysIterations() throws Exception {
        String old = PasswordHasher.hash("park-pass".toCharArray(), 210_000);
        Path file = Files.createTempFile("staff-old", ".yaml");
        file.toFile().deleteOnExit();
        Files.writeString(file, "accounts:\n  - {username: park, name: 박담당, role: agent, password_hash: '" + old + "'}\n");
        String prefix = "rehash" + Tokens.random(6);
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix,
                "STAFF_ACCOUNTS_FILE", file.toString()));
             RedisClient redis = new RedisClient(TestRedis.shared().url(), prefix, 2, Duration.ofSeconds(2))) {
            RedisAccountStore stored = new RedisAccountStore(redis);
            assertEquals(old, stored.find("park").orElseThrow().passwordHash(), "bootstrapped as written");

            var wrong = server.postJson("/staff/api/login", "{\"username\":\"park\",\"password\":\"not-the-pass\"}", null);
            assertEquals(401, wrong.statusCode(), wrong.body());
            assertEquals(old, stored.find("park").orElseThrow().passwordHash(), "a wrong password rehashes nothing");

            TestStaff.Login login = TestStaff.login(server, "park");
            String now = stored.find("park").orElseThrow().passwordHash();
            assertTrue(now.startsWith("pbkdf2-sha256$600000$"), now);
            assertTrue(PasswordHasher.verify("park-pass".toCharArray(), now));
            assertEquals("rehash", stored.log(1).get(0).action());
            assertEquals(200, login.get("/staff/api/me").statusCode());

            // The next login verifies against the new hash and leaves it alone.
            TestStaff.login(server, "park");
            assertEquals(now, stored.find("park").orElseThrow().passwordHash());
        }
    }
}
