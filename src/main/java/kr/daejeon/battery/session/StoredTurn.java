package kr.daejeon.battery.session;

/**
 * A turn found under its idempotency key: its messages are ids {@code firstId} … {@code firstId + count - 1} of
 * the transcript, and {@code summary} is what {@link TurnRecord#summary()} held.
 */
public record StoredTurn(long firstId, int count, String summary) {

    /** The form a Redis store keeps it in: {@code first|count|summary}. */
    public static StoredTurn parse(String stored) {
        int a = stored.indexOf('|');
        int b = stored.indexOf('|', a + 1);
        return new StoredTurn(Long.parseLong(stored.substring(0, a)), Integer.parseInt(stored.substring(a + 1, b)),
                stored.substring(b + 1));
    }
}
