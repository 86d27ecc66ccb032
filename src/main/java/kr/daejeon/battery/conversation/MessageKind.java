package kr.daejeon.battery.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import kr.daejeon.battery.WireWord;

/**
 * What a line about the handoff is, so clients can show its state; ordinary lines have no kind.
 * On the wire the lowercase word ({@code handoff}, {@code queue}, {@code staff_joined}, {@code resolved}, {@code csat}).
 */
public enum MessageKind {
    /** The handoff started ("connecting you…"). */
    HANDOFF,
    /** The customer's place in the queue. */
    QUEUE,
    STAFF_JOINED,
    RESOLVED,
    /** The customer is asked to rate the ticket. */
    CSAT;

    @JsonValue
    public String wire() {
        return WireWord.of(this);
    }

    @JsonCreator
    public static MessageKind of(String wire) {
        return WireWord.parse(MessageKind.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
