package kr.daejeon.battery.conversation;

/** The presented token does not belong to the conversation. */
public final class InvalidTokenException extends RuntimeException {
    public InvalidTokenException() {
        super("invalid or missing conversation token");
    }
}
