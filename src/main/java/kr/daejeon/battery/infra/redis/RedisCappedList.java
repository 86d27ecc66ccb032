package kr.daejeon.battery.infra.redis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import kr.daejeon.battery.session.CappedList;
import kr.daejeon.battery.session.JsonCodec;

/** A {@link CappedList} as one Redis list {@code P:<name>} of JSON, trimmed to its capacity at every add. */
public final class RedisCappedList<T> implements CappedList<T> {

    private static final RedisScript REMOVE_OLDEST_IF = RedisScript.of("remove-oldest-if.lua");

    private final RedisClient redis;
    private final String key;
    private final int capacity;
    private final Class<T> type;

    public RedisCappedList(RedisClient redis, String name, int capacity, Class<T> type) {
        this.redis = redis;
        this.key = redis.prefix() + ":" + name;
        this.capacity = capacity;
        this.type = type;
    }

    @Override
    public void add(T record) {
        String json = JsonCodec.write(record);
        redis.call(key, j -> {
            var tx = j.multi();
            tx.lpush(key, json);
            tx.ltrim(key, 0, capacity - 1);
            return tx.exec();
        });
    }

    @Override
    public int sweep(Instant cutoff, Function<T, Instant> timeOf) {
        int removed = 0;
        while (removed < capacity) {
            String oldest = redis.call(key, j -> j.lindex(key, -1));
            if (oldest == null || !timeOf.apply(JsonCodec.read(oldest, type)).isBefore(cutoff)) {
                break;
            }
            Object popped = redis.call(key, j -> REMOVE_OLDEST_IF.eval(j, List.of(key), List.of(oldest)));
            if (popped == null) {
                continue;
            }
            removed++;
        }
        return removed;
    }

    @Override
    public int removeWhere(Predicate<T> match) {
        List<String> rows = redis.call(key, j -> j.lrange(key, 0, -1));
        int removed = 0;
        for (String row : rows) {
            if (match.test(JsonCodec.read(row, type))) {
                removed += redis.call(key, j -> j.lrem(key, 0, row)).intValue();
            }
        }
        return removed;
    }

    @Override
    public List<T> recent(int limit) {
        List<String> rows = redis.call(key, j -> j.lrange(key, 0, limit - 1));
        List<T> out = new ArrayList<>(rows.size());
        for (String row : rows) {
            out.add(JsonCodec.read(row, type));
        }
        return out;
    }

    @Override
    public long size() {
        return redis.call(key, j -> j.llen(key));
    }
}
