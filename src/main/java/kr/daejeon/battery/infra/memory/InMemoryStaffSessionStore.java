package kr.daejeon.battery.infra.memory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.staff.StaffAccount;
import kr.daejeon.battery.staff.StaffSession;
import kr.daejeon.battery.staff.StaffSessionStore;

/** Staff sessions in this process. */
public final class InMemoryStaffSessionStore implements StaffSessionStore {

    private final ConcurrentHashMap<String, StaffSession> sessions = new ConcurrentHashMap<>();
    private final Duration lifetime;

    public InMemoryStaffSessionStore(Duration lifetime) {
        this.lifetime = lifetime;
    }

    @Override
    public String create(StaffAccount account, Instant now) {
        String cookie = Tokens.random(32);
        sessions.put(Tokens.hash(cookie), new StaffSession(account.username(), account.displayName(), account.role(),
                Tokens.random(24), now.plus(lifetime)));
        return cookie;
    }

    @Override
    public Optional<StaffSession> find(String cookie, Instant now) {
        if (cookie == null || cookie.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(sessions.get(Tokens.hash(cookie))).filter(s -> !now.isAfter(s.expiresAt()));
    }

    @Override
    public void delete(String cookie) {
        if (cookie != null) {
            sessions.remove(Tokens.hash(cookie));
        }
    }
}
