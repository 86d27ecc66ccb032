package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.feedback.AnswerRating;
import kr.daejeon.battery.feedback.RatingStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.infra.redis.RedisClient;
import redis.clients.jedis.params.SetParams;

/**
 * Ratings in Redis, shared by every node: each rating under its own key (kept {@link #KEEP}), and the
 * answers rated down in a sorted set by time, trimmed to the newest {@value RatingStore#DOWN_CAPACITY}.
 */
public final class RedisRatingStore implements RatingStore {

    static final Duration KEEP = Duration.ofDays(365);

    private final RedisClient redis;

    public RedisRatingStore(RedisClient redis) {
        this.redis = redis;
    }

    private String ratingKey(String key) {
        return redis.prefix() + ":feedback:" + key;
    }

    private String downKey() {
        return redis.prefix() + ":feedback-down";
    }

    @Override
    public Optional<String> put(AnswerRating rating) {
        String json = JsonCodec.write(rating);
        String before = redis.call(ratingKey(rating.key()), j -> j.setGet(ratingKey(rating.key()), json, SetParams.setParams().ex(KEEP.toSeconds())));
        redis.call(downKey(), j -> {
            var tx = j.multi();
            if (AnswerRating.DOWN.equals(rating.rating())) {
                tx.zadd(downKey(), rating.at().toEpochMilli(), rating.key());
                tx.zremrangeByRank(downKey(), 0, -DOWN_CAPACITY - 1);
            } else {
                tx.zrem(downKey(), rating.key());
            }
            return tx.exec();
        });
        return Optional.ofNullable(before).map(b -> JsonCodec.read(b, AnswerRating.class).rating());
    }

    @Override
    public List<AnswerRating> recentDown(int limit) {
        List<String> keys = redis.call(downKey(), j -> j.zrevrange(downKey(), 0, Math.min(limit, DOWN_CAPACITY) - 1));
        if (keys.isEmpty()) {
            return List.of();
        }
        // Each rating is a key of its own (its own slot on a cluster): read per node, not with one MGET.
        List<Object> rows = redis.eachKey(keys.stream().map(k -> new RedisClient.Keyed(ratingKey(k), p -> p.get(ratingKey(k))))
                .toList());
        List<AnswerRating> out = new ArrayList<>(rows.size());
        for (Object row : rows) {
            if (row != null) {
                AnswerRating r = JsonCodec.read((String) row, AnswerRating.class);
                if (AnswerRating.DOWN.equals(r.rating())) {
                    out.add(r);
                }
            }
        }
        return out;
    }
}
