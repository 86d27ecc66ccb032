package kr.daejeon.battery.ratelimit;

/** A request over the limit of {@code scope}; it may be retried after {@code retryAfterSeconds}. */
public final class RateLimitedException extends RuntimeException {

    private final String scope;
    private final int retryAfterSeconds;

    public RateLimitedException(String scope, int retryAfterSeconds) {
        super("over the " + scope + " rate limit; retry after " + retryAfterSeconds + " s", null, false, false);
        this.scope = scope;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public String scope() {
        return scope;
    }

    public int retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
