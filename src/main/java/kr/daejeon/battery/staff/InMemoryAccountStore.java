package kr.daejeon.battery.staff;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Staff accounts of a single node (memory mode). */
public final class InMemoryAccountStore implements AccountStore {

    private static final int LOG_LIMIT = 1000;
    private final Map<String, StaffAccount> accounts = new LinkedHashMap<>();
    private final List<AccountChange> log = new ArrayList<>();

    @Override
    public synchronized List<StaffAccount> all() {
        return List.copyOf(accounts.values());
    }

    @Override
    public synchronized Optional<StaffAccount> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    @Override
    public synchronized int seedIfEmpty(List<StaffAccount> seed, AccountChange audit) {
        if (!accounts.isEmpty() || seed.isEmpty()) {
            return 0;
        }
        seed.forEach(a -> accounts.put(a.username(), a));
        record(audit);
        return seed.size();
    }

    @Override
    public synchronized boolean replace(StaffAccount expected, StaffAccount next, AccountChange audit) {
        if (!Objects.equals(accounts.get(next.username()), expected)) {
            return false;
        }
        accounts.put(next.username(), next);
        record(audit);
        return true;
    }

    private void record(AccountChange audit) {
        log.add(0, audit);
        if (log.size() > LOG_LIMIT) {
            log.remove(log.size() - 1);
        }
    }

    @Override
    public synchronized List<AccountChange> log(int limit) {
        return List.copyOf(log.subList(0, Math.min(limit, log.size())));
    }
}
