package kr.daejeon.battery.escalation;

/** Outcome of an atomic claim: exactly one of two staff clicking at once wins. */
public record ClaimResult(boolean claimed, String assignee) {
}
