package kr.daejeon.battery.session;

/** The store is at its bound with conversations it must keep (with staff): no new conversation fits now. */
public final class StoreFullException extends RuntimeException {

    public StoreFullException(String message) {
        super(message);
    }
}
