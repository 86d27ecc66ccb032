package kr.daejeon.battery.infra.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.staff.StaffAccount;
import kr.daejeon.battery.staff.StaffSession;
import kr.daejeon.battery.staff.StaffSessionStore;

/** Staff sessions as one key each, {@code P:staffsession:<sha-256 of the cookie>}, expiring with the session. */
public final class RedisStaffSessionStore implements StaffSessionStore {

    private final RedisClient redis;
    private final Duration lifetime;

    public RedisStaffSessionStore(RedisClient redis, Duration lifetime) {
        this.redis = redis;
        this.lifetime = lifetime;
    }

    @Override
    public String create(StaffAccount account, Instant now) {
        String cookie = Tokens.random(32);
        StaffSession s = new StaffSession(account.username(), account.displayName(), account.role(), Tokens.random(24),
                now.plus(lifetime));
        String json = JsonCodec.write(s);
        redis.call(key(cookie), j -> j.setex(key(cookie), lifetime.toSeconds(), json));
        return cookie;
    }

    @Override
    public Optional<StaffSession> find(String cookie, Instant now) {
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        String json = redis.call(key(cookie), j -> j.get(key(cookie)));
        return Optional.ofNullable(json).map(v -> JsonCodec.read(v, StaffSession.class))
                .filter(s -> !now.isAfter(s.expiresAt()));
    }

    @Override
    public void delete(String cookie) {
        if (cookie != null) {
            redis.call(key(cookie), j -> j.del(key(cookie)));
        }
    }

    private String key(String cookie) {
        return redis.prefix() + ":staffsession:" + Tokens.hash(cookie);
    }
}
