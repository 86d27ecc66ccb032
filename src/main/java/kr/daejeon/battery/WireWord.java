package kr.daejeon.battery;

import java.util.Locale;

/**
 * The lowercase word an enum constant is on the wire ({@code TicketStatus.WAITING} ↔ {@code "waiting"}), for the
 * domain enums that replaced strings: the API, stored JSON and Lua scripts keep seeing the same words.
 */
public final class WireWord {

    private WireWord() {
    }

    public static String of(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose word is {@code word}; any other word is an {@link IllegalArgumentException}. */
    public static <E extends Enum<E>> E parse(Class<E> type, String word) {
        for (E e : type.getEnumConstants()) {
            if (of(e).equals(word)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + type.getSimpleName() + ": " + word);
    }
}
