package kr.daejeon.battery.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;
import kr.daejeon.battery.session.JsonCodec;

/**
 * The web layer's one way to do blocking work and answer: stores, Redis and password hashing run on a worker
 * pool (never the event loop), unordered (requests do not queue behind each other), with the request's
 * correlation id in the logs; the result is JSON, a failure goes through {@link ErrorMapper}. A handler with
 * failures of its own to name maps them first with {@code Future.recover} (see {@code ContentApi}).
 */
public final class Handlers {

    private final Vertx vertx;

    public Handlers(Vertx vertx) {
        this.vertx = vertx;
    }

    /** {@code work} on Vert.x's shared worker pool. */
    public <T> Future<T> blocking(RoutingContext ctx, Callable<T> work) {
        return vertx.executeBlocking(Correlation.wrap(ctx, work), false);
    }

    /** {@code work} on a pool of its own (e.g. password hashing, so logins cannot starve the other requests). */
    public static <T> Future<T> blocking(WorkerExecutor pool, RoutingContext ctx, Callable<T> work) {
        return pool.executeBlocking(Correlation.wrap(ctx, work), false);
    }

    /** 200 with the result as JSON, or the error for the failure. */
    public static void respond(RoutingContext ctx, Future<?> result) {
        respond(ctx, result, 200);
    }

    public static void respond(RoutingContext ctx, Future<?> result, int status) {
        result.onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, status, ar.result());
            } else {
                ErrorMapper.fail(ctx, ar.cause());
            }
        });
    }

    /** Answers with {@code body} as JSON (never cached), unless the response has already ended. */
    public static void json(RoutingContext ctx, int status, Object body) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("Cache-Control", "no-store")
                .end(JsonCodec.write(body));
    }
}
