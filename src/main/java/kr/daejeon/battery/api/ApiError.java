package kr.daejeon.battery.api;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import kr.daejeon.battery.session.JsonCodec;

/** Every error leaves the server as {@code {"error":{"code":"…","message":"…"}}}. */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    public ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiError(int status, String code, String message, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public void send(RoutingContext ctx) {
        HttpServerResponse res = ctx.response();
        if (res.ended() || res.headWritten()) {
            if (!res.ended()) {
                res.end();
            }
            return;
        }
        if (retryAfterSeconds != null) {
            res.putHeader("Retry-After", Integer.toString(retryAfterSeconds));
        }
        res.setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(JsonCodec.write(Map.of("error", ordered())));
    }

    /** {@code code} before {@code message}, always (Map.of iterates in an order that changes from run to run). */
    private Map<String, String> ordered() {
        Map<String, String> error = new java.util.LinkedHashMap<>();
        error.put("code", code);
        error.put("message", getMessage());
        return error;
    }
}
