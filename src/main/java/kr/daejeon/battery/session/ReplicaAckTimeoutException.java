package kr.daejeon.battery.session;

/**
 * A write was stored on the master but fewer replicas than required confirmed it in time ({@code WAIT}). It may
 * survive or be lost in a failover, so the caller is told "not confirmed" (503): a retry with the same idempotency
 * key finds the stored turn if it survived and stores it once if it did not.
 */
public final class ReplicaAckTimeoutException extends StoreUnavailableException {
    public ReplicaAckTimeoutException(String message) {
        super(message, null);
    }
}
