package kr.daejeon.battery.staff;

import java.time.Instant;

/** A logged-in staff member; {@code csrfToken} must accompany every state-changing request. */
public record StaffSession(String username, String displayName, StaffRole role, String csrfToken, Instant expiresAt) {
}
