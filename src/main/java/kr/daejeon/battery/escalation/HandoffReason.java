package kr.daejeon.battery.escalation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import kr.daejeon.battery.WireWord;

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
        return WireWord.of(this);
    }

    @JsonCreator
    public static HandoffReason of(String wire) {
        return WireWord.parse(HandoffReason.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
