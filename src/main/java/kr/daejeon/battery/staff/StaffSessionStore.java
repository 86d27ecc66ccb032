package kr.daejeon.battery.staff;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.infra.redis.RedisClient;

/**
 * Staff login sessions, keyed by the SHA-256 of the cookie value. In Redis when configured, so a
 * staff member logged in on one node is logged in on all of them.
 */
public final class StaffSessionStore {

    private final RedisClient redis;
    private final ConcurrentHashMap<String, StaffSession> memory = new ConcurrentHashMap<>();
    private final Duration lifetime;

    public StaffSessionStore(RedisClient redisOrNull, Duration lifetime) {
        this.redis = redisOrNull;
        this.lifetime = lifetime;
    }

    /** Creates a session; returns the cookie value (shown once, stored only hashed). */
    public String create(StaffAccount account, Instant now) {
        String cookie = Tokens.random(32);
        StaffSession s = new StaffSession(account.username(), account.displayName(), account.role(), Tokens.random(24),
                now.plus(lifetime));
        String key = key(cookie);
        if (redis == null) {
            memory.put(key, s);
        } else {
            redis.call(j -> j.setex(key, lifetime.toSeconds(), JsonCodec.write(s)));
        }
        return cookie;
    }

    public Optional<StaffSession> find(String cookie, Instant now) {
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        String key = key(cookie);
        StaffSession s = redis == null ? memory.get(key)
                : Optional.ofNullable(redis.call(j -> j.get(key))).map(v -> JsonCodec.read(v, StaffSession.class)).orElse(null);
        if (s == null || now.isAfter(s.expiresAt())) {
            return Optional.empty();
        }
        return Optional.of(s);
    }

    public void delete(String cookie) {
        if (cookie == null) {
            return;
        }
        String key = key(cookie);
        if (redis == null) {
            memory.remove(key);
        } else {
            redis.call(j -> j.del(key));
        }
    }

    private String key(String cookie) {
        return (redis == null ? "" : redis.prefix()) + ":staffsession:" + Tokens.hash(cookie);
    }
}
