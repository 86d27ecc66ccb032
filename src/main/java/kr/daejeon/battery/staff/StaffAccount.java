package kr.daejeon.battery.staff;

/** A staff login: {@code role} is {@code agent} or {@code admin}; a disabled account cannot log in and its sessions end. */
public record StaffAccount(String username, String displayName, String role, String passwordHash, boolean disabled) {

    public StaffAccount(String username, String displayName, String role, String passwordHash) {
        this(username, displayName, role, passwordHash, false);
    }
}
