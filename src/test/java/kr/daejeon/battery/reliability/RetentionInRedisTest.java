package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.channel.ChannelDirectory;
import kr.daejeon.battery.channel.DeadLetter;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.memory.InMemorySessionStore;
import kr.daejeon.battery.infra.memory.InMemoryTicketStore;
import kr.daejeon.battery.infra.redis.RedisCappedList;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.learning.UnansweredQuestion;
import kr.daejeon.battery.privacy.PersonalData;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 20 #12, the Redis half that {@link PersonalDataTest} leaves to memory mode: {@code ia:unanswered} and the dead
 * letters (customer text) were kept with no end, and so was the Kakao queue of replies waiting for the user's next
 * message. In Redis the lists are swept by the retention period and the queue expires with it.
 */
class RetentionInRedisTest {

    @Test
    void unansweredQuestionsAndDeadLettersInRedisAreSweptAfterTheRetentionPeriod() {
        Instant t0 = Instant.parse("2027-03-01T00:00:00Z");
        MutableClock clock = new MutableClock(t0);
        try (RedisClient redis = new RedisClient(TestRedis.shared().url(), "ret" + Tokens.random(6), 4, Duration.ofSeconds(2))) {
            UnansweredLog unanswered = new UnansweredLog(new RedisCappedList<>(redis, "unanswered", UnansweredLog.CAPACITY,
                    UnansweredQuestion.class));
            DeadLetterLog deadLetters = new DeadLetterLog(new RedisCappedList<>(redis, "deadletters", DeadLetterLog.CAPACITY,
                    DeadLetter.class));
            PersonalData data = new PersonalData(new InMemorySessionStore(Duration.ofMinutes(30), 1000, clock, Duration.ofDays(7)),
                    new InMemoryTicketStore(), unanswered, deadLetters, Duration.ofDays(7), clock);
            unanswered.add(new UnansweredQuestion("제 번호는 010-1234-5678", "ko", "fallback", 0.1, List.of(), "c1", "web", t0));
            deadLetters.add(new DeadLetter("d1", "telegram", "c1", "sendMessage", "hello", "timeout", 4, t0));

            clock.advance(Duration.ofDays(6));
            data.sweep();
            assertEquals(1, unanswered.recent(10).size(), "kept within the period");
            assertEquals(1, deadLetters.size());

            clock.advance(Duration.ofDays(2));
            data.sweep();
            assertEquals(0, unanswered.recent(10).size(), "not kept past the period");
            assertEquals(0, deadLetters.size());
        }
    }

    @Test
    void theKakaoQueueOfWaitingRepliesExpiresWithTheRetentionPeriod() {
        try (RedisClient redis = new RedisClient(TestRedis.shared().url(), "ret" + Tokens.random(6), 4, Duration.ofSeconds(2));
             Jedis j = TestRedis.shared().client()) {
            new kr.daejeon.battery.infra.redis.RedisChannelDirectory(redis, Duration.ofDays(7)).enqueue("kakao-pending:kakao:abc", "{\"text\":\"김담당: 답변\"}");
            long ttl = j.ttl(redis.prefix() + ":queue:kakao-pending:kakao:abc");
            assertTrue(ttl > Duration.ofDays(6).toSeconds() && ttl <= Duration.ofDays(7).toSeconds(), "ttl " + ttl);
        }
    }
}
