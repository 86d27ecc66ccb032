package kr.daejeon.battery;

/**
 * A request the domain turns down for a reason the caller can fix or must know: bad input, something missing, a
 * conflict with another change, a role that may not. The domain says which {@link Reason} and a stable code; the
 * web layer alone turns that into an HTTP status ({@code api.ErrorMapper}), so no HTTP code lives in the domain and
 * no stray {@link IllegalArgumentException} from a bug is mistaken for the client's fault.
 */
public class Refusal extends RuntimeException {

    public enum Reason { INVALID, NOT_FOUND, CONFLICT, NOT_ALLOWED, UNPROCESSABLE }

    private final Reason reason;
    private final String code;

    public Refusal(Reason reason, String code, String message) {
        super(message, null, false, false);
        this.reason = reason;
        this.code = code;
    }

    public static Refusal invalid(String code, String message) {
        return new Refusal(Reason.INVALID, code, message);
    }

    public Reason reason() {
        return reason;
    }

    public String code() {
        return code;
    }
}
