package kr.daejeon.battery.escalation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a valid e-mail address and a Korean phone number in what a customer wrote. A customer may give both in
 * one message; the contact kept on a ticket is then both, joined by {@link #SEPARATOR}.
 */
public final class ContactDetails {

    /** Between the e-mail address and the phone number of a contact that has both. */
    public static final String SEPARATOR = ", ";

    // Dot-separated atoms (no leading, trailing or doubled dot), domain labels that neither start nor end with '-'.
    private static final String ADDRESS = "[A-Za-z0-9_%+-]+(?:\\.[A-Za-z0-9_%+-]+)*"
            + "@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}";
    /**
     * An address standing on its own: not a piece of a longer word ("a@b@c.kr", "kim@example.com1" are typos, and
     * keeping the part that looks valid would send the reply to someone else).
     */
    private static final Pattern EMAIL = Pattern.compile("(?<![A-Za-z0-9._%+@-])" + ADDRESS + "(?![A-Za-z0-9_%+@-]|\\.[A-Za-z0-9])");
    private static final Pattern WHOLE_EMAIL = Pattern.compile(ADDRESS);
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(?:\\+82[ -]?|0)(1[016789]|2|[3-6][1-5]|70)[ -]?[0-9]{3,4}[ -]?[0-9]{4}(?![0-9])");
    private static final int MAX_LOCAL_PART = 64;

    private ContactDetails() {
    }

    /** Whether {@code text} is exactly one e-mail address. */
    public static boolean isEmail(String text) {
        return text != null && WHOLE_EMAIL.matcher(text).matches() && text.indexOf('@') <= MAX_LOCAL_PART;
    }

    /** The e-mail address and the phone number in {@code text}, each the first valid one; empty when it has neither. */
    public static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        List<String> found = new ArrayList<>(2);
        Matcher email = EMAIL.matcher(text);
        while (email.find()) {
            if (email.group().indexOf('@') <= MAX_LOCAL_PART) {
                found.add(email.group());
                break;
            }
        }
        Matcher phone = PHONE.matcher(text);
        if (phone.find()) {
            found.add(phone.group().replace(" ", "-"));
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(String.join(SEPARATOR, found));
    }

    /** The e-mail address of a contact kept on a ticket (an address, a phone number, or both), if it has one. */
    public static Optional<String> emailOf(String contact) {
        return contact == null ? Optional.empty()
                : java.util.Arrays.stream(contact.split(Pattern.quote(SEPARATOR))).filter(ContactDetails::isEmail).findFirst();
    }

    /** Whether {@code text} was meant as contact details (an '@', or seven digits), valid or not. */
    public static boolean looksLikeContact(String text) {
        return text.contains("@") || text.chars().filter(Character::isDigit).count() >= 7;
    }
}
