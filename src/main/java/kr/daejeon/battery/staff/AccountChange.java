package kr.daejeon.battery.staff;

import java.time.Instant;

/** One audited change of a staff account: who did what to whom, when (never a password or its hash). */
public record AccountChange(Instant at, String by, String username, String action, String detail) {
}
