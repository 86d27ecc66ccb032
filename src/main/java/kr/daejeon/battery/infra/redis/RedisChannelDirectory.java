package kr.daejeon.battery.infra.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.channel.ChannelDirectory;
import redis.clients.jedis.params.SetParams;

/**
 * The channel directory in Redis, shared by every node: {@code P:channeluser:{user}} → conversation,
 * {@code P:delivered:{id}} (SET NX EX), {@code P:once:{key}} (GETDEL) and {@code P:queue:{key}} (a list, kept
 * {@code retention} after the last push). Each operation touches one key, so each fits one Cluster slot.
 */
public final class RedisChannelDirectory implements ChannelDirectory {

    private static final RedisScript DRAIN = RedisScript.of("queue-drain.lua");

    private final RedisClient redis;
    /** Links and queued replies are personal data: kept no longer than this. */
    private final Duration retention;

    public RedisChannelDirectory(RedisClient redis, Duration retention) {
        this.redis = redis;
        this.retention = retention;
    }

    @Override
    public Optional<String> conversationFor(String userKey) {
        return Optional.ofNullable(redis.call(linkKey(userKey), j -> j.get(linkKey(userKey))));
    }

    @Override
    public void link(String userKey, String conversationId, Duration ttl) {
        redis.call(linkKey(userKey), j -> j.setex(linkKey(userKey), Math.min(ttl.toSeconds(), Math.max(1, retention.toSeconds())), conversationId));
    }

    @Override
    public boolean firstDelivery(String deliveryKey, Duration ttl) {
        String k = redis.prefix() + ":delivered:" + deliveryKey;
        return "OK".equals(redis.call(k, j -> j.set(k, "1",
                SetParams.setParams().nx().ex(ttl.toSeconds()))));
    }

    @Override
    public void putOnce(String key, String value, Duration ttl) {
        String k = redis.prefix() + ":once:" + key;
        redis.call(k, j -> j.setex(k, ttl.toSeconds(), value));
    }

    @Override
    public Optional<String> take(String key) {
        String k = redis.prefix() + ":once:" + key;
        return Optional.ofNullable(redis.call(k, j -> j.getDel(k)));
    }

    @Override
    public void enqueue(String key, String value) {
        String k = redis.prefix() + ":queue:" + key;
        redis.call(k, j -> {
            j.rpush(k, value);
            return j.expire(k, Math.max(1, retention.toSeconds()));
        });
    }

    @Override
    public List<String> drain(String key) {
        String k = redis.prefix() + ":queue:" + key;
        Object r = redis.call(k, j -> DRAIN.eval(j, List.of(k), List.of()));
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) r) {
            out.add((String) o);
        }
        return out;
    }

    private String linkKey(String userKey) {
        return redis.prefix() + ":channeluser:" + userKey;
    }
}
