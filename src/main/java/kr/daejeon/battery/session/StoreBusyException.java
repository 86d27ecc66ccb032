package kr.daejeon.battery.session;

/** Another turn on the same conversation held its lock for too long. */
public final class StoreBusyException extends RuntimeException {
    public StoreBusyException(String message) {
        super(message);
    }
}
