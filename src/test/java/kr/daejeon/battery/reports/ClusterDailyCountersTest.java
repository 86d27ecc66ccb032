package kr.daejeon.battery.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.Set;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.RedisClusterSetup;
import org.junit.jupiter.api.Test;

/**
 * The report counters on a real 3-master Redis Cluster: each day is a hash of its own, in its own slot, so a flush of
 * many days and a read of a range go to several masters. Two counters are two nodes; counts add up over both.
 */
class ClusterDailyCountersTest {

    @Test
    void daysOnEveryMasterAreFlushedAndReadBack() {
        assumeTrue(RedisClusterSetup.available(), "Debian's redis-server and redis-cli are not installed");
        String prefix = "dc" + Tokens.random(6);
        ZoneId seoul = ZoneId.of("Asia/Seoul");
        MutableClock clock = new MutableClock(Instant.parse("2027-03-01T03:00:00Z"));
        try (RedisClient a = RedisClusterSetup.sharedClient(prefix); RedisClient b = RedisClusterSetup.sharedClient(prefix)) {
            DailyCounters nodeA = new DailyCounters(new kr.daejeon.battery.infra.redis.RedisDailyCountStore(a), clock, seoul);
            DailyCounters nodeB = new DailyCounters(new kr.daejeon.battery.infra.redis.RedisDailyCountStore(b), clock, seoul);
            Set<Integer> masters = new HashSet<>();
            RedisClusterSetup cluster = RedisClusterSetup.shared();
            for (int day = 0; day < 10; day++) {
                nodeA.turn("web", "greeting");
                nodeB.turn("web", "greeting");
                nodeB.conversationStarted("web");
                clock.advance(Duration.ofDays(1));
            }
            nodeA.flush();
            nodeB.flush();
            for (int day = 0; day < 10; day++) {
                masters.add(cluster.masterHolding(prefix + ":report:day:" + LocalDate.of(2027, 3, 1).plusDays(day)));
            }
            assertEquals(3, masters.size(), "the ten days' hashes are on all three masters: " + masters);
            var counts = new DailyCounters(new kr.daejeon.battery.infra.redis.RedisDailyCountStore(a), clock, seoul).read(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 10));
            long turns = counts.stream().filter(c -> c.metric().equals(DailyCounters.TURNS)).mapToLong(DailyCounters.Count::n).sum();
            long started = counts.stream().filter(c -> c.metric().equals(DailyCounters.CONVERSATIONS))
                    .mapToLong(DailyCounters.Count::n).sum();
            assertEquals(20, turns);
            assertEquals(10, started);
            assertEquals(10, counts.stream().map(DailyCounters.Count::day).distinct().count());
        }
    }
}
