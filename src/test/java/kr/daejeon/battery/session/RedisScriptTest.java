package kr.daejeon.battery.session;

import kr.daejeon.battery.infra.redis.RedisScript;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/** Scripts run by SHA whether or not Redis knows them yet, alone, in a pipeline, or several at once. */
class RedisScriptTest {

    private static final RedisScript INCR = new RedisScript("return redis.call('INCRBY', KEYS[1], ARGV[1])");

    @Test
    void runsOnceAfterRedisForgotTheScript() {
        try (Jedis j = TestRedis.shared().client()) {
            String key = "script-test:" + System.nanoTime();
            j.scriptFlush();
            assertEquals(2L, INCR.eval(j, List.of(key), List.of("2")));
            j.scriptFlush();
            assertEquals(List.of(5L, 9L), INCR.evalAll(j, List.of(List.of(key), List.of(key)), List.of(List.of("3"), List.of("4"))));
            j.scriptFlush();
            Pipeline p = j.pipelined();
            Response<Object> queued = INCR.queue(p, List.of(key), List.of("10"));
            Response<String> plain = p.get(key);
            p.sync();
            assertEquals(19L, INCR.reply(j, queued, List.of(key), List.of("10")));
            // Neither the failed call nor the retry ran twice.
            assertEquals("19", j.get(key));
            assertEquals("9", plain.get());
            j.del(key);
        }
    }
}
