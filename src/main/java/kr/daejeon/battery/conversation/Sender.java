package kr.daejeon.battery.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who wrote a transcript line. On the wire the lowercase word: {@code user}, {@code bot}, {@code staff}. */
public enum Sender {
    /** The customer. */
    USER,
    BOT,
    STAFF;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Sender of(String wire) {
        for (Sender s : values()) {
            if (s.wire().equals(wire)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown sender: " + wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
