package kr.daejeon.battery.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.daejeon.battery.escalation.Satisfaction;
import kr.daejeon.battery.escalation.TicketSatisfaction;
import kr.daejeon.battery.session.JsonCodec;

/**
 * The customer's rating of a resolved ticket: {@code POST /api/v1/conversations/{id}/tickets/{ticketId}/satisfaction}
 * with {@code {"score":1..5,"comment":"…"}} (comment optional) and the conversation's bearer token. Mount after
 * {@link ChatApi} (its CORS and rate-limit routes run first).
 */
public final class SatisfactionApi {

    private final Handlers handlers;
    private final TicketSatisfaction satisfaction;
    private final int maxBodyBytes;

    public SatisfactionApi(Vertx vertx, TicketSatisfaction satisfaction, int maxBodyBytes) {
        this.handlers = new Handlers(vertx);
        this.satisfaction = satisfaction;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void mount(Router router) {
        router.post("/api/v1/conversations/:id/tickets/:ticketId/satisfaction")
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::rate);
    }

    private void rate(RoutingContext ctx) {
        if (!ChatApi.isJson(ctx.request().getHeader("Content-Type"))) {
            new ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).").send(ctx);
            return;
        }
        JsonNode body;
        try {
            body = ctx.body() == null || ctx.body().length() <= 0 ? null : JsonCodec.MAPPER.readTree(ctx.body().buffer().getBytes());
        } catch (IOException e) {
            new ApiError(400, "malformed_json", "The body is not valid JSON (UTF-8).").send(ctx);
            return;
        }
        if (body == null || !body.isObject()) {
            new ApiError(400, "invalid_body", "Send a JSON object like {\"score\":5,\"comment\":\"…\"}.").send(ctx);
            return;
        }
        JsonNode score = body.get("score");
        if (score == null || !score.isInt() || !Satisfaction.validScore(score.intValue())) {
            new ApiError(400, "invalid_score", "'score' must be a whole number from 1 to 5.").send(ctx);
            return;
        }
        JsonNode commentNode = body.get("comment");
        String comment = null;
        if (commentNode != null && !commentNode.isNull()) {
            if (!commentNode.isTextual()) {
                new ApiError(400, "invalid_comment", "'comment' must be a string.").send(ctx);
                return;
            }
            comment = commentNode.asText().strip();
            if (comment.codePointCount(0, comment.length()) > Satisfaction.MAX_COMMENT_CHARS) {
                new ApiError(400, "comment_too_long", "'comment' is longer than " + Satisfaction.MAX_COMMENT_CHARS
                        + " characters.").send(ctx);
                return;
            }
            comment = comment.isEmpty() ? null : comment;
        }
        String id = ctx.pathParam("id");
        String ticketId = ctx.pathParam("ticketId");
        String token = ChatApi.bearer(ctx);
        String text = comment;
        Handlers.respond(ctx, handlers.blocking(ctx, () -> satisfaction.rate(id, token, ticketId, score.intValue(), text)).map(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("ticketId", ticketId);
            out.put("score", r.score());
            out.put("comment", r.comment());
            out.put("at", r.at());
            return out;
        }).recover(SatisfactionApi::ratingErrors));
    }

    /** Rating a ticket has failures of its own: not this conversation's (404), or not rateable (409). */
    private static <T> Future<T> ratingErrors(Throwable t) {
        if (t instanceof TicketSatisfaction.UnknownTicketException) {
            return Future.failedFuture(new ApiError(404, "ticket_not_found", "No such ticket in this conversation."));
        }
        if (t instanceof TicketSatisfaction.NotRateableException e) {
            return Future.failedFuture(new ApiError(409, e.code, e.getMessage()));
        }
        return Future.failedFuture(t);
    }
}
