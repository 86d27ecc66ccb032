package kr.daejeon.battery.learning;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.RedisClient;

/**
 * The newest unanswered questions, newest first: a capped list in Redis (shared by every node)
 * when configured, otherwise in this process. Blocking when in Redis.
 */
public final class UnansweredLog {

    public static final int CAPACITY = 5000;

    private final RedisClient redis;
    private final Deque<UnansweredQuestion> memory = new ArrayDeque<>();

    public UnansweredLog(RedisClient redisOrNull) {
        this.redis = redisOrNull;
    }

    public void add(UnansweredQuestion q) {
        if (redis == null) {
            synchronized (memory) {
                memory.addFirst(q);
                while (memory.size() > CAPACITY) {
                    memory.removeLast();
                }
            }
            return;
        }
        String json = JsonCodec.write(q);
        redis.call(j -> {
            var tx = j.multi();
            tx.lpush(key(), json);
            tx.ltrim(key(), 0, CAPACITY - 1);
            return tx.exec();
        });
    }

    public List<UnansweredQuestion> recent(int limit) {
        if (redis == null) {
            synchronized (memory) {
                return memory.stream().limit(limit).toList();
            }
        }
        List<String> rows = redis.call(j -> j.lrange(key(), 0, limit - 1));
        List<UnansweredQuestion> out = new ArrayList<>(rows.size());
        for (String row : rows) {
            out.add(JsonCodec.read(row, UnansweredQuestion.class));
        }
        return out;
    }

    private String key() {
        return redis.prefix() + ":unanswered";
    }
}
