package kr.daejeon.battery.conversation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import kr.daejeon.battery.WireWord;

/** Who wrote a transcript line. On the wire the lowercase word: {@code user}, {@code bot}, {@code staff}. */
public enum Sender {
    /** The customer. */
    USER,
    BOT,
    STAFF;

    @JsonValue
    public String wire() {
        return WireWord.of(this);
    }

    @JsonCreator
    public static Sender of(String wire) {
        return WireWord.parse(Sender.class, wire);
    }

    @Override
    public String toString() {
        return wire();
    }
}
