package kr.daejeon.battery.staff;

/** A staff login: {@code role} is agent or admin; a disabled account cannot log in and its sessions end. */
public record StaffAccount(String username, String displayName, StaffRole role, String passwordHash, boolean disabled) {

    public StaffAccount(String username, String displayName, StaffRole role, String passwordHash) {
        this(username, displayName, role, passwordHash, false);
    }
}
