package kr.daejeon.battery.escalation;

import java.util.List;

/**
 * One page of the open tickets, oldest first. {@code next} is the cursor of the page after it (pass it back as
 * {@code after}), null on the last page; a cursor names the last ticket seen, so tickets resolved meanwhile do not
 * make a page skip others. {@code total} is how many tickets are open now.
 */
public record TicketPage(List<Ticket> tickets, String next, long total) {

    /** The cursor after {@code t}: its creation time (ms) and id, the queue's order. */
    public static String cursorOf(Ticket t) {
        return t.createdAt().toEpochMilli() + ":" + t.id();
    }

    /** {millis, id} of a cursor; refuses (invalid input) one this server did not make. */
    public static Object[] parse(String cursor) {
        int colon = cursor.indexOf(':');
        try {
            if (colon <= 0 || colon == cursor.length() - 1) {
                throw new NumberFormatException();
            }
            return new Object[] {Long.parseLong(cursor.substring(0, colon)), cursor.substring(colon + 1)};
        } catch (NumberFormatException e) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_cursor", "'after' is not a cursor from this queue");
        }
    }
}
