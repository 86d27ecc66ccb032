package kr.daejeon.battery.session;

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

    String name() {
        return name;
    }

    int capacity() {
        return capacity;
    }

    /** The Redis list's key when the list lives in {@code client}'s Redis, else null. */
    String keyIn(RedisClient client) {
        return redis != null && redis == client ? key() : null;
    }

    private String key() {
        return redis.prefix() + ":" + name;
    }
}
