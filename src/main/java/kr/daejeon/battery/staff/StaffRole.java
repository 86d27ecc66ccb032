package kr.daejeon.battery.staff;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import kr.daejeon.battery.WireWord;

/** What a staff member may do: agents work tickets; admins also edit content, accounts and proposals. On the wire lowercase. */
public enum StaffRole {
    AGENT, ADMIN;

    @JsonValue
    public String wire() {
        return WireWord.of(this);
    }

    /** The role a wire word names; an unknown word is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static StaffRole of(String wire) {
        return WireWord.parse(StaffRole.class, wire);
    }

    public boolean isAdmin() {
        return this == ADMIN;
    }

    @Override
    public String toString() {
        return wire();
    }
}
