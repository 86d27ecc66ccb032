package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.channel.DeadLetter;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 20 #12: unanswered questions ({@code ia:unanswered}) and dead letters were stored with the customer's raw
 * text, phone numbers and resident registration numbers included. Both are kept for staff to learn from and follow
 * up, which needs the question, not the number: they are stored masked, in memory and in Redis.
 */
class MaskedStorageTest {

    private static final String SECRETS = "가나다라 마바사 010-1234-5678 hong@example.kr 900101-1234567 +1 415 555 0100 "
            + "4111 1111 1111 1111 홍길동@대전.한국";
    private static final List<String> RAW = List.of("010-1234-5678", "hong@example.kr", "900101-1234567", "415 555 0100",
            "4111 1111 1111 1111", "대전.한국");

    @Test
    void unansweredQuestionsAreStoredMaskedInRedis() {
        String prefix = "masked" + System.nanoTime();
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix));
             Jedis j = TestRedis.shared().client()) {
            Conversation c = server.newConversation("ko");
            assertEquals(200, server.say(c, SECRETS).statusCode());
            List<String> stored = j.lrange(prefix + ":unanswered", 0, -1);
            assertEquals(1, stored.size(), "the fallback was recorded");
            assertClean(stored.get(0));
            assertTrue(stored.get(0).contains("[phone]") && stored.get(0).contains("[rrn]"), stored.get(0));
        }
    }

    @Test
    void unansweredQuestionsAreStoredMaskedInMemory() {
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:admin").toString()))) {
            Conversation c = server.newConversation("ko");
            assertEquals(200, server.say(c, SECRETS).statusCode());
            String seen = TestStaff.login(server, "kim").get("/staff/api/unanswered").body();
            assertTrue(seen.contains("[email]"), seen);
            assertClean(seen);
        }
    }

    @Test
    void deadLettersAreStoredMaskedInMemoryAndRedis() {
        String prefix = "dead" + System.nanoTime();
        try (RedisClient redis = new RedisClient(TestRedis.shared().url(), prefix, 2, java.time.Duration.ofSeconds(2));
             Jedis j = TestRedis.shared().client()) {
            for (DeadLetterLog log : List.of(
                    new DeadLetterLog(new kr.daejeon.battery.infra.memory.InMemoryCappedList<>(DeadLetterLog.CAPACITY)),
                    new DeadLetterLog(new kr.daejeon.battery.infra.redis.RedisCappedList<>(redis, "deadletters",
                            DeadLetterLog.CAPACITY, DeadLetter.class)))) {
                log.add(new DeadLetter("d1", "telegram", "c1", "sendMessage", SECRETS, "refused for 010-9999-8888", 4,
                        Instant.parse("2027-03-01T00:00:00Z")));
                DeadLetter kept = log.recent(1).get(0);
                assertClean(kept.text());
                assertFalse(kept.reason().contains("9999"), kept.reason());
            }
            assertClean(j.lrange(prefix + ":deadletters", 0, -1).get(0));
        }
    }

    private static void assertClean(String stored) {
        for (String raw : RAW) {
            assertFalse(stored.contains(raw), raw + " stored: " + stored);
        }
    }
}
