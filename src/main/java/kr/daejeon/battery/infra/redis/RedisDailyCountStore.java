package kr.daejeon.battery.infra.redis;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.reports.DailyCountStore;
import kr.daejeon.battery.reports.DailyCounters;

/**
 * Daily counts in Redis: one hash per day, {@code P:report:day:{date}} with fields {@code metric|channel|intent},
 * added with {@code HINCRBY} in one pipeline and kept {@link DailyCounters#RETENTION}.
 */
public final class RedisDailyCountStore implements DailyCountStore {

    private final RedisClient redis;

    public RedisDailyCountStore(RedisClient redis) {
        this.redis = redis;
    }

    @Override
    public void add(Map<String, Long> counts) {
        // A day's hash is a key of its own (its own slot on a Redis Cluster): one pipeline per node.
        List<RedisClient.Keyed> steps = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            int bar = e.getKey().indexOf('|');
            String dayKey = dayKey(e.getKey().substring(0, bar));
            steps.add(new RedisClient.Keyed(dayKey, p -> {
                p.hincrBy(dayKey, e.getKey().substring(bar + 1), e.getValue());
                return p.expire(dayKey, DailyCounters.RETENTION.toSeconds());
            }));
        }
        redis.eachKey(steps);
    }

    @Override
    public Map<String, Long> read(List<LocalDate> days) {
        List<Object> hashes = redis.eachKey(days.stream()
                .map(d -> new RedisClient.Keyed(dayKey(d.toString()), p -> p.hgetAll(dayKey(d.toString())))).toList());
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < days.size(); i++) {
            @SuppressWarnings("unchecked")
            Map<String, String> day = (Map<String, String>) hashes.get(i);
            for (Map.Entry<String, String> e : day.entrySet()) {
                out.merge(days.get(i) + "|" + e.getKey(), Long.parseLong(e.getValue()), Long::sum);
            }
        }
        return out;
    }

    private String dayKey(String date) {
        return redis.prefix() + ":report:day:" + date;
    }
}
