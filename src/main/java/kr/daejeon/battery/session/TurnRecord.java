package kr.daejeon.battery.session;

/**
 * What a turn is kept under so that a retry of the same message is recognised: the client's idempotency key
 * (a widget's {@code Idempotency-Key}, a platform's update or event id) and a short summary of the answer (JSON,
 * opaque to the store). Written in the same atomic step as the turn's messages, never before them.
 */
public record TurnRecord(String key, String summary) {

    public TurnRecord {
        if (key == null || key.isEmpty() || summary == null) {
            throw new IllegalArgumentException("a turn record needs a key and a summary");
        }
    }
}
