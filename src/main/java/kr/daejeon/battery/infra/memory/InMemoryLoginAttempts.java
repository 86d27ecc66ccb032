package kr.daejeon.battery.infra.memory;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import kr.daejeon.battery.staff.LoginAttempts;
import kr.daejeon.battery.staff.LoginLockout;

/** Login counts of one node; the map's compute makes each try atomic. */
public final class InMemoryLoginAttempts implements LoginAttempts {

    /** A bound, so a flood of invented usernames cannot grow the map without end: past it, forgotten entries go. */
    static final int MEMORY_ENTRIES = 50_000;

    private final ConcurrentHashMap<String, Counted> memory = new ConcurrentHashMap<>();

    @Override
    public long countTry(String accountHash, long now, LoginLockout.Policy policy) {
        long[] wait = new long[1];
        if (memory.size() >= MEMORY_ENTRIES) {
            memory.values().removeIf(e -> e.forgetAtMs() <= now);
        }
        memory.compute(accountHash, (k, e) -> {
            Counted current = e == null || e.forgetAtMs() <= now ? new Counted(0, 0, 0) : e;
            if (current.blockedUntilMs() > now) {
                wait[0] = current.blockedUntilMs() - now;
                return current;
            }
            int failures = current.failures() + 1;
            long until = policy.blockedUntil(failures, now);
            return new Counted(failures, until, now + Math.max(policy.lockFor().toMillis(), until - now));
        });
        return wait[0];
    }

    @Override
    public void holdFrom(String accountHash, long now, LoginLockout.Policy policy) {
        memory.computeIfPresent(accountHash, (k, e) -> {
            if (e.forgetAtMs() <= now || e.failures() == 0) {
                return e;
            }
            long until = Math.max(e.blockedUntilMs(), policy.blockedUntil(e.failures(), now));
            return new Counted(e.failures(), until, Math.max(e.forgetAtMs(), now + Math.max(policy.lockFor().toMillis(), until - now)));
        });
    }

    @Override
    public boolean clear(String accountHash) {
        return memory.remove(accountHash) != null;
    }

    @Override
    public Optional<Counted> read(String accountHash) {
        return Optional.ofNullable(memory.get(accountHash));
    }
}
