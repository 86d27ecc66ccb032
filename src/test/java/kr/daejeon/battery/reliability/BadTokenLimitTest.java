package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 20 #6: requests with a wrong token (knowing only a conversation's id) must not use up the owner's
 * per-conversation limit; they count against the sender's address.
 */
class BadTokenLimitTest {

    @ParameterizedTest
    @ValueSource(strings = {"memory", "redis"})
    void wrongTokensDoNotLockTheOwnerOut(String store) {
        Map<String, String> env = new HashMap<>(Map.of("CONVERSATION_RATE_LIMIT_PER_MINUTE", "5",
                "RATE_LIMIT_PER_MINUTE", "1000"));
        if (store.equals("redis")) {
            env.put("REDIS_URL", TestRedis.shared().url());
            env.put("REDIS_KEY_PREFIX", "badtoken" + System.nanoTime());
        }
        try (TestServer server = TestServer.start(env)) {
            Conversation owner = server.newConversation("ko");
            Conversation forged = new Conversation(owner.id(), "not-the-token");
            for (int i = 0; i < 12; i++) {
                HttpResponse<String> r = server.say(forged, "안녕하세요 " + i);
                assertEquals(401, r.statusCode(), r.body());
                assertEquals(400, server.postJson("/api/v1/conversations/" + owner.id() + "/messages", "{\"text\":1}",
                        forged.token()).statusCode());
            }
            HttpResponse<String> mine = server.say(owner, "신청 방법 알려주세요");
            assertEquals(200, mine.statusCode(), mine.body());
        }
    }
}
