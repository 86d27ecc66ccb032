package kr.daejeon.battery.escalation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import kr.daejeon.battery.WireWord;

/**
 * Where a ticket stands. On the wire (API, stored JSON, Redis hash fields, Lua) it is the lowercase
 * word ({@link #wire()}), exactly as before the enum existed.
 */
public enum TicketStatus {
    WAITING, ASSIGNED, RESOLVED;

    @JsonValue
    public String wire() {
        return WireWord.of(this);
    }

    /** The status a wire word names; an unknown word is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static TicketStatus of(String wire) {
        return WireWord.parse(TicketStatus.class, wire);
    }

    public boolean isOpen() {
        return this != RESOLVED;
    }

    @Override
    public String toString() {
        return wire();
    }
}
