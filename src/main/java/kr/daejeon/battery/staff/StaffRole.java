package kr.daejeon.battery.staff;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a staff member may do: agents work tickets; admins also edit content, accounts and proposals. On the wire lowercase. */
public enum StaffRole {
    AGENT, ADMIN;

    @JsonValue
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a wire word names; an unknown word is an {@link IllegalArgumentException}. */
    @JsonCreator
    public static StaffRole of(String wire) {
        for (StaffRole r : values()) {
            if (r.wire().equals(wire)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown staff role: " + wire);
    }

    public boolean isAdmin() {
        return this == ADMIN;
    }

    @Override
    public String toString() {
        return wire();
    }
}
