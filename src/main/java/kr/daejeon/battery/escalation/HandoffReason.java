package kr.daejeon.battery.escalation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why a conversation was handed to staff; on the wire the lowercase word ({@code user_request}, …). */
public enum HandoffReason {
    /** The customer asked for a person. */
    USER_REQUEST,
    /** The assistant missed several times in a row. */
    REPEATED_MISSES,
    /** The answer the customer was reading says to ask staff. */
    FAQ_ESCALATE;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static HandoffReason of(String wire) {
        for (HandoffReason r : values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown handoff reason: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
