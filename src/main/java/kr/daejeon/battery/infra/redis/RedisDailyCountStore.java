package kr.daejeon.battery.infra.redis;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.reports.DailyCountStore;
import kr.daejeon.battery.reports.DailyCounters;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

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
        redis.call(j -> {
            try (Pipeline p = j.pipelined()) {
                for (Map.Entry<String, Long> e : counts.entrySet()) {
                    int bar = e.getKey().indexOf('|');
                    String dayKey = dayKey(e.getKey().substring(0, bar));
                    p.hincrBy(dayKey, e.getKey().substring(bar + 1), e.getValue());
                    p.expire(dayKey, DailyCounters.RETENTION.toSeconds());
                }
                p.sync();
            }
            return null;
        });
    }

    @Override
    public Map<String, Long> read(List<LocalDate> days) {
        List<Map<String, String>> hashes = redis.call(j -> {
            try (Pipeline p = j.pipelined()) {
                List<Response<Map<String, String>>> rs = days.stream().map(d -> p.hgetAll(dayKey(d.toString()))).toList();
                p.sync();
                return rs.stream().map(Response::get).toList();
            }
        });
        Map<String, Long> out = new HashMap<>();
        for (int i = 0; i < days.size(); i++) {
            for (Map.Entry<String, String> e : hashes.get(i).entrySet()) {
                out.merge(days.get(i) + "|" + e.getKey(), Long.parseLong(e.getValue()), Long::sum);
            }
        }
        return out;
    }

    private String dayKey(String date) {
        return redis.prefix() + ":report:day:" + date;
    }
}
