package kr.daejeon.battery.staff;

import java.util.Optional;

/**
 * Where {@link LoginLockout} keeps its counts, keyed by a hash of the username: {@code infra.memory.InMemoryLoginAttempts}
 * for one node, {@code infra.redis.RedisLoginAttempts} (one Lua script per try) so every node shares them.
 */
public interface LoginAttempts {

    /** What is remembered about one account: failures so far, blocked until (epoch ms, 0 when not), forgotten at. */
    record Counted(int failures, long blockedUntilMs, long forgetAtMs) {
    }

    /**
     * In one atomic step: refuses while the account is blocked (returns how many ms to wait), otherwise counts the
     * try as a failure, sets the block {@code policy} gives for the new count and returns 0.
     */
    long countTry(String accountHash, long nowMs, LoginLockout.Policy policy);

    /**
     * After a wrong password: the block {@code policy} gives for the failures counted so far runs from {@code nowMs}
     * (the answer time), unless a later one is set. The check takes up to a second of hashing, which a hold set
     * when the try was counted would otherwise spend, letting the next try in at once.
     */
    void holdFrom(String accountHash, long nowMs, LoginLockout.Policy policy);

    /** Forgets the account's failures; true when there were any. */
    boolean clear(String accountHash);

    Optional<Counted> read(String accountHash);
}
