package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisChannelDirectory;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The channel directory contract against a real Redis server; every test uses its own key prefix. */
class RedisChannelDirectoryTest extends ChannelDirectoryContract {

    private RedisClient client;

    @Override
    protected ChannelDirectory newDirectory() {
        client = new RedisClient(TestRedis.shared().url(), "cd" + Tokens.random(6), 4, Duration.ofSeconds(2));
        return new RedisChannelDirectory(client, Duration.ofDays(30));
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void aLinkIsKeptNoLongerThanTheRetention() {
        directory.link("kakao:9", "c9", Duration.ofDays(90));
        try (Jedis j = TestRedis.shared().client()) {
            long ttl = j.ttl(client.prefix() + ":channeluser:kakao:9");
            assertTrue(ttl > 0 && ttl <= Duration.ofDays(30).toSeconds(), "ttl " + ttl);
        }
    }
}
