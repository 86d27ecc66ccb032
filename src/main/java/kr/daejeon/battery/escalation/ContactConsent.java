package kr.daejeon.battery.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The customer's consent to the privacy notice (개인정보 수집·이용 동의) given with their contact details: which
 * version of the notice they saw, when (server time) and which items it covered. Kept with the contact on the
 * ticket and erased with it.
 *
 * @param items what the notice asked for: {@code email} and/or {@code phone}
 */
public record ContactConsent(String noticeVersion, Instant at, List<String> items) {

    /** The items a notice may name. */
    public static final Set<String> ITEMS = Set.of("email", "phone");

    /** Whether {@code version} looks like a notice version (a short code such as {@code 2026-12-01}). */
    public static boolean validVersion(String version) {
        return version != null && version.matches("[A-Za-z0-9._-]{1,40}");
    }
}
