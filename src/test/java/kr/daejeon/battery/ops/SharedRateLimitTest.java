package kr.daejeon.battery.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;

/**
 * Rate limits hold across nodes: two servers sharing one Redis count every request against the same
 * buckets (per client address, per conversation, per login address), so a client cannot double its
 * allowance by landing on another node. Refusals are 429 with Retry-After.
 */
class SharedRateLimitTest {

    static Map<String, String> node(String prefix, String... settings) {
        Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", prefix,
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()));
        for (int i = 0; i < settings.length; i += 2) {
            env.put(settings[i], settings[i + 1]);
        }
        return env;
    }

    static void assertLimited(HttpResponse<String> r) {
        assertEquals(429, r.statusCode(), r.body());
        assertEquals("rate_limited", TestServer.json(r).get("error").get("code").asText());
        assertTrue(Integer.parseInt(r.headers().firstValue("Retry-After").orElseThrow()) >= 1);
    }

    @Test
    void messagesPerConversationAreCountedAcrossNodes() {
        String prefix = "rl" + Tokens.random(6);
        try (TestServer a = TestServer.start(node(prefix, "CONVERSATION_RATE_LIMIT_PER_MINUTE", "4"));
             TestServer b = TestServer.start(node(prefix, "CONVERSATION_RATE_LIMIT_PER_MINUTE", "4"))) {
            Conversation c = a.newConversation("ko");
            for (int i = 0; i < 4; i++) {
                TestServer node = i % 2 == 0 ? a : b;
                assertEquals(200, node.say(c, "신청 마감이 언제예요? " + i).statusCode());
            }
            assertLimited(b.say(c, "한 번 더요"));
            assertLimited(a.say(c, "한 번 더요"));
            assertRefusedTurnsLeftNothing(prefix, c, 1 + 4 * 2);
            // Another conversation has its own allowance.
            Conversation other = b.newConversation("en");
            assertEquals(200, a.say(other, "When is the deadline?").statusCode());
        }
    }

    /** The limits are checked in the round trip that takes the conversation's lock: a refusal must give it back. */
    static void assertRefusedTurnsLeftNothing(String prefix, Conversation c, int storedMessages) {
        try (var redis = TestRedis.shared().client()) {
            assertEquals(false, redis.exists(prefix + ":{" + c.id() + "}:lock"), "lock released after 429");
            assertEquals(storedMessages, redis.llen(prefix + ":{" + c.id() + "}:msgs"), "refused messages not stored");
        }
    }

    @Test
    void turnsAndBadTurnsCountAgainstTheClientAddress() {
        String prefix = "rl" + Tokens.random(6);
        try (TestServer a = TestServer.start(node(prefix, "RATE_LIMIT_PER_MINUTE", "4"));
             TestServer b = TestServer.start(node(prefix, "RATE_LIMIT_PER_MINUTE", "4"))) {
            Conversation c = a.newConversation("ko");
            assertEquals(400, b.say(c, "   ").statusCode());
            assertEquals(200, a.say(c, "신청 마감이 언제예요?").statusCode());
            assertEquals(200, b.say(c, "교육 일정 알려주세요").statusCode());
            assertLimited(a.say(c, "한 번 더요"));
            assertLimited(b.say(c, "   "));
            assertRefusedTurnsLeftNothing(prefix, c, 1 + 2 * 2);
        }
    }

    @Test
    void requestsPerClientAddressAreCountedAcrossNodes() {
        String prefix = "rl" + Tokens.random(6);
        try (TestServer a = TestServer.start(node(prefix, "RATE_LIMIT_PER_MINUTE", "6"));
             TestServer b = TestServer.start(node(prefix, "RATE_LIMIT_PER_MINUTE", "6"))) {
            for (int i = 0; i < 6; i++) {
                TestServer node = i % 2 == 0 ? a : b;
                assertNotEquals(429, node.get("/api/v1/conversations/nope/messages", "x").statusCode());
            }
            assertLimited(a.get("/api/v1/conversations/nope/messages", "x"));
            assertLimited(b.postJson("/api/v1/conversations", "{\"locale\":\"ko\"}", null));
        }
    }

    @Test
    void staffLoginAttemptsAreCountedAcrossNodes() {
        String prefix = "rl" + Tokens.random(6);
        try (TestServer a = TestServer.start(node(prefix, "STAFF_LOGIN_RATE_LIMIT_PER_MINUTE", "3"));
             TestServer b = TestServer.start(node(prefix, "STAFF_LOGIN_RATE_LIMIT_PER_MINUTE", "3"))) {
            String wrong = "{\"username\":\"kim\",\"password\":\"guess\"}";
            assertEquals(401, a.postJson("/staff/api/login", wrong, null).statusCode());
            assertEquals(401, b.postJson("/staff/api/login", wrong, null).statusCode());
            assertEquals(401, a.postJson("/staff/api/login", wrong, null).statusCode());
            assertLimited(b.postJson("/staff/api/login", wrong, null));
            // Even the right password waits: guessing cannot continue on another node.
            assertLimited(a.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null));
        }
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        try (TestServer direct = TestServer.start(Map.of("RATE_LIMIT_PER_MINUTE", "2"));
             TestServer proxied = TestServer.start(Map.of("RATE_LIMIT_PER_MINUTE", "2", "TRUSTED_PROXIES", "127.0.0.1"))) {
            // Not behind a trusted proxy: a forged header does not buy a fresh allowance.
            for (int i = 0; i < 2; i++) {
                assertNotEquals(429, withForwardedFor(direct, "198.51.100." + i).statusCode());
            }
            assertLimited(withForwardedFor(direct, "198.51.100.77"));
            // Behind the proxy: each client address has its own bucket, the proxy's hop is skipped.
            for (int i = 0; i < 2; i++) {
                assertNotEquals(429, withForwardedFor(proxied, "198.51.100.1, 127.0.0.1").statusCode());
            }
            assertLimited(withForwardedFor(proxied, "198.51.100.1"));
            assertNotEquals(429, withForwardedFor(proxied, "198.51.100.2").statusCode());
        }
    }

    static HttpResponse<String> withForwardedFor(TestServer s, String forwardedFor) {
        return s.send(HttpRequest.newBuilder(s.uri("/api/v1/conversations/nope/messages"))
                .header("X-Forwarded-For", forwardedFor).header("Authorization", "Bearer x").GET());
    }
}
