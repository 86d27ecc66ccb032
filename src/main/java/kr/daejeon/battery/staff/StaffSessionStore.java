package kr.daejeon.battery.staff;

import java.time.Instant;
import java.util.Optional;

/**
 * Staff login sessions, keyed by the SHA-256 of the cookie value. In Redis with the Redis backend, so a staff
 * member logged in on one node is logged in on all of them.
 */
public interface StaffSessionStore {

    /** Creates a session; returns the cookie value (shown once, stored only hashed). */
    String create(StaffAccount account, Instant now);

    /** The live session of {@code cookie} (or null), if any. */
    Optional<StaffSession> find(String cookie, Instant now);

    void delete(String cookie);
}
