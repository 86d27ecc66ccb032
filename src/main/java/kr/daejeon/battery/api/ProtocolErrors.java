package kr.daejeon.battery.api;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.util.Map;
import kr.daejeon.battery.session.JsonCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Requests broken at the HTTP level, answered in JSON before (or instead of) routing (issue 20 #8). Netty answers
 * some of them itself with empty bodies (414 URI too long, 431 headers too large, 400 for conflicting
 * {@code Content-Length}): {@link #invalidRequest} is Vert.x's hook for those ({@code HttpServer.invalidRequestHandler}).
 * Others reach the router and blew up inside it: an HTTP/1.1 request without {@code Host} (a 500 with a stack trace)
 * and a path with a broken percent escape such as {@code /api/v1/%zz} (60 lines of stack trace at ERROR from the
 * router's path normalisation); {@link #guard} answers them before the router sees them. All are the client's
 * fault: logged at DEBUG, never with a stack trace.
 */
public final class ProtocolErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolErrors.class);

    private ProtocolErrors() {
    }

    /** The router behind a check for what it cannot route: no {@code Host}, a path that does not decode. */
    public static Handler<HttpServerRequest> guard(Handler<HttpServerRequest> router) {
        return request -> {
            if (request.version() == HttpVersion.HTTP_1_1 && request.getHeader("Host") == null) {
                answer(request, 400, "host_required", "HTTP/1.1 requests need a Host header.", true);
            } else if (!decodable(request.path())) {
                answer(request, 400, "bad_request", "The request path has an invalid percent escape.", false);
            } else {
                router.handle(request);
            }
        };
    }

    /** For {@code HttpServer.invalidRequestHandler}: what Netty could not decode, in JSON, then the connection closes. */
    public static void invalidRequest(HttpServerRequest request) {
        DecoderResult result = request.decoderResult();
        Throwable cause = result == null ? null : result.cause();
        LOG.debug("invalid request from {}: {}", request.remoteAddress(), cause == null ? "?" : cause.getMessage());
        if (cause instanceof TooLongHttpLineException) {
            answer(request, 414, "uri_too_long", "The request line (URI) is too long.", true);
        } else if (cause instanceof TooLongHttpHeaderException) {
            answer(request, 431, "headers_too_large", "The request headers are too large.", true);
        } else if (cause instanceof TooLongFrameException) {
            answer(request, 413, "body_too_large", "The request is too large.", true);
        } else {
            answer(request, 400, "bad_request", "The request is not valid HTTP"
                    + (cause != null && cause.getMessage() != null && cause.getMessage().contains("Content-Length")
                    ? " (conflicting Content-Length headers)." : "."), true);
        }
    }

    /** Every {@code %} is followed by two hex digits (what the router's path normalisation demands). */
    static boolean decodable(String path) {
        if (path == null) {
            return false;
        }
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0 || Character.digit(path.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static void answer(HttpServerRequest request, int status, String code, String message, boolean close) {
        var res = request.response();
        if (res.ended()) {
            return;
        }
        res.setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Content-Type-Options", "nosniff");
        if (close) {
            res.putHeader("Connection", "close");
        }
        res.end(JsonCodec.write(Map.of("error", Map.of("code", code, "message", message)))).onComplete(v -> {
            if (close) {
                request.connection().close();
            }
        });
    }
}
