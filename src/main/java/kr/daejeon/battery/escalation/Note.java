package kr.daejeon.battery.escalation;

import java.time.Instant;

/** A private staff note on a ticket; never shown to the customer. */
public record Note(String author, String text, Instant createdAt) {
}
