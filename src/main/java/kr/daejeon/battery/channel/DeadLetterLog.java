package kr.daejeon.battery.channel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.RedisClient;

/**
 * The newest failed deliveries, newest first, for the staff console. In Redis (a capped list,
 * shared by every node) when configured, otherwise in this process. Bounded either way.
 */
public final class DeadLetterLog {

    public static final int CAPACITY = 1000;

    private final RedisClient redis;
    private final Deque<DeadLetter> memory = new ArrayDeque<>();

    public DeadLetterLog(RedisClient redisOrNull) {
        this.redis = redisOrNull;
    }

    /** Blocking when in Redis: call off the event loop. */
    public void add(DeadLetter letter) {
        if (redis == null) {
            synchronized (memory) {
                memory.addFirst(letter);
                while (memory.size() > CAPACITY) {
                    memory.removeLast();
                }
            }
            return;
        }
        String json = JsonCodec.write(letter);
        redis.call(j -> {
            var tx = j.multi();
            tx.lpush(key(), json);
            tx.ltrim(key(), 0, CAPACITY - 1);
            return tx.exec();
        });
    }

    /** Newest first. Blocking when in Redis. */
    public List<DeadLetter> recent(int limit) {
        if (redis == null) {
            synchronized (memory) {
                return memory.stream().limit(limit).toList();
            }
        }
        List<String> rows = redis.call(j -> j.lrange(key(), 0, limit - 1));
        List<DeadLetter> out = new ArrayList<>(rows.size());
        for (String row : rows) {
            out.add(JsonCodec.read(row, DeadLetter.class));
        }
        return out;
    }

    /** How many are recorded (at most {@link #CAPACITY}). */
    public long size() {
        if (redis == null) {
            synchronized (memory) {
                return memory.size();
            }
        }
        return redis.call(j -> j.llen(key()));
    }

    private String key() {
        return redis.prefix() + ":deadletters";
    }
}
