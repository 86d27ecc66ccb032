package kr.daejeon.battery.staff;

import java.util.List;
import java.util.Optional;

/** Where staff accounts live: this process, or Redis for every node. Blocking. */
public interface AccountStore {

    List<StaffAccount> all();

    Optional<StaffAccount> find(String username);

    /** Stores the accounts only when there are none yet (the file bootstraps); returns how many were stored. */
    int seedIfEmpty(List<StaffAccount> accounts, AccountChange audit);

    /**
     * Writes {@code next} if the stored account is still {@code expected} (null: must not exist yet),
     * and records {@code audit} in the same step. False, and nothing written, otherwise.
     */
    boolean replace(StaffAccount expected, StaffAccount next, AccountChange audit);

    /** Newest first. */
    List<AccountChange> log(int limit);
}
