package kr.daejeon.battery.session;

import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisScript;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The newest records of one kind, newest first, at most {@code capacity}: a capped Redis list
 * (shared by every node) when Redis is configured, otherwise a deque in this process. Blocking when
 * in Redis: call off the event loop.
 */
public final class CappedList<T> {

    private final RedisClient redis;
    private final String name;
    private final int capacity;
    private final Class<T> type;
    private final Deque<T> memory = new ArrayDeque<>();

    public CappedList(RedisClient redisOrNull, String name, int capacity, Class<T> type) {
        this.redis = redisOrNull;
        this.name = name;
        this.capacity = capacity;
        this.type = type;
    }

    public void add(T record) {
        if (redis == null) {
            synchronized (memory) {
                memory.addFirst(record);
                while (memory.size() > capacity) {
                    memory.removeLast();
                }
            }
            return;
        }
        String json = JsonCodec.write(record);
        redis.call(j -> {
            var tx = j.multi();
            tx.lpush(key(), json);
            tx.ltrim(key(), 0, capacity - 1);
            return tx.exec();
        });
    }

    /**
     * Retention: drops the entries older than {@code cutoff} from the old end (entries are added in time order).
     * Safe while others add: an entry is removed only if it is still the oldest. Returns how many went.
     */
    public int sweep(java.time.Instant cutoff, java.util.function.Function<T, java.time.Instant> timeOf) {
        int removed = 0;
        if (redis == null) {
            synchronized (memory) {
                while (!memory.isEmpty() && timeOf.apply(memory.peekLast()).isBefore(cutoff)) {
                    memory.removeLast();
                    removed++;
                }
            }
            return removed;
        }
        while (removed < capacity) {
            String oldest = redis.call(j -> j.lindex(key(), -1));
            if (oldest == null || !timeOf.apply(JsonCodec.read(oldest, type)).isBefore(cutoff)) {
                break;
            }
            Object popped = redis.call(j -> REMOVE_OLDEST_IF.eval(j, List.of(key()), List.of(oldest)));
            if (popped == null) {
                continue;
            }
            removed++;
        }
        return removed;
    }

    /** Erasure: removes every entry that {@code match} selects (e.g. one conversation's). Returns how many. */
    public int removeWhere(java.util.function.Predicate<T> match) {
        if (redis == null) {
            synchronized (memory) {
                int before = memory.size();
                memory.removeIf(match);
                return before - memory.size();
            }
        }
        List<String> rows = redis.call(j -> j.lrange(key(), 0, -1));
        int removed = 0;
        for (String row : rows) {
            if (match.test(JsonCodec.read(row, type))) {
                removed += redis.call(j -> j.lrem(key(), 0, row)).intValue();
            }
        }
        return removed;
    }

    private static final RedisScript REMOVE_OLDEST_IF = RedisScript.of("remove-oldest-if.lua");

    public List<T> recent(int limit) {
        if (redis == null) {
            synchronized (memory) {
                return memory.stream().limit(limit).toList();
            }
        }
        List<String> rows = redis.call(j -> j.lrange(key(), 0, limit - 1));
        List<T> out = new ArrayList<>(rows.size());
        for (String row : rows) {
            out.add(JsonCodec.read(row, type));
        }
        return out;
    }

    public long size() {
        if (redis == null) {
            synchronized (memory) {
                return memory.size();
            }
        }
        return redis.call(j -> j.llen(key()));
    }

    private String key() {
        return redis.prefix() + ":" + name;
    }
}
