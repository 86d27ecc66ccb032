package kr.daejeon.battery.staff;

/** A staff login: {@code role} is {@code agent} or {@code admin}. */
public record StaffAccount(String username, String displayName, String role, String passwordHash) {
}
