package kr.daejeon.battery.escalation;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds a valid e-mail address or Korean phone number in what a customer wrote. */
public final class ContactDetails {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    private static final Pattern PHONE = Pattern.compile("(?<![0-9])(?:\\+82[ -]?|0)(1[016789]|2|[3-6][1-5]|70)[ -]?[0-9]{3,4}[ -]?[0-9]{4}(?![0-9])");

    private ContactDetails() {
    }

    /** Whether {@code text} is exactly one e-mail address (a contact left on a ticket is one or a phone number). */
    public static boolean isEmail(String text) {
        return text != null && EMAIL.matcher(text).matches();
    }

    public static Optional<String> find(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher email = EMAIL.matcher(text);
        if (email.find()) {
            return Optional.of(email.group());
        }
        Matcher phone = PHONE.matcher(text);
        return phone.find() ? Optional.of(phone.group().replace(" ", "-")) : Optional.empty();
    }
}
