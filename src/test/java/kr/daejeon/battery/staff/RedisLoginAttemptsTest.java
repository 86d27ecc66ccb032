package kr.daejeon.battery.staff;

import java.time.Duration;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisLoginAttempts;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.AfterEach;

/** The login-attempts contract against a real Redis server; every test uses its own key prefix. */
class RedisLoginAttemptsTest extends LoginAttemptsContract {

    private RedisClient client;

    @Override
    protected LoginAttempts newAttempts() {
        client = new RedisClient(TestRedis.shared().url(), "login" + Tokens.random(6), 2, Duration.ofSeconds(2));
        return new RedisLoginAttempts(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }
}
