package kr.daejeon.battery.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.daejeon.battery.feedback.AnswerFeedback;
import kr.daejeon.battery.feedback.AnswerRating;
import kr.daejeon.battery.session.JsonCodec;

/**
 * "Was it helpful?" over HTTP: {@code POST /api/v1/conversations/{id}/messages/{messageId}/feedback} with
 * {@code {"rating":"up"|"down"}} (the conversation's bearer token), and for staff {@code GET /staff/api/feedback}
 * (answers rated down). Mount after {@link ChatApi} and {@link StaffApi}: their CORS, rate-limit and staff-login
 * routes run first.
 */
public final class FeedbackApi {

    private static final int STAFF_LIST_LIMIT = 200;

    private final Handlers handlers;
    private final AnswerFeedback feedback;
    private final int maxBodyBytes;

    public FeedbackApi(Vertx vertx, AnswerFeedback feedback, int maxBodyBytes) {
        this.handlers = new Handlers(vertx);
        this.feedback = feedback;
        this.maxBodyBytes = maxBodyBytes;
    }

    public void mount(Router router) {
        router.post("/api/v1/conversations/:id/messages/:messageId/feedback")
                .handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes)).handler(this::rate);
        router.get("/staff/api/feedback").handler(ctx -> Handlers.respond(ctx,
                handlers.blocking(ctx, () -> Map.of("answers", feedback.recentDown(STAFF_LIST_LIMIT)))));
    }

    private void rate(RoutingContext ctx) {
        if (!ChatApi.isJson(ctx.request().getHeader("Content-Type"))) {
            new ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).").send(ctx);
            return;
        }
        String id = ctx.pathParam("id");
        long messageId;
        try {
            messageId = Long.parseLong(ctx.pathParam("messageId"));
        } catch (NumberFormatException e) {
            messageId = -1;
        }
        if (messageId < 1) {
            new ApiError(404, "message_not_found", "No such answer in this conversation.").send(ctx);
            return;
        }
        String rating = rating(ctx);
        if (rating == null) {
            new ApiError(400, "invalid_rating", "Send {\"rating\":\"up\"} or {\"rating\":\"down\"}.").send(ctx);
            return;
        }
        String token = ChatApi.bearer(ctx);
        long answer = messageId;
        Handlers.respond(ctx, handlers.blocking(ctx, () -> feedback.rate(id, token, answer, rating)).map(r -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("messageId", r.messageId());
            out.put("rating", r.rating());
            return out;
        }));
    }

    /** The rating in the body, or null when the body is not {"rating":"up"|"down"}. */
    private static String rating(RoutingContext ctx) {
        if (ctx.body() == null || ctx.body().length() <= 0) {
            return null;
        }
        try {
            JsonNode node = JsonCodec.MAPPER.readTree(ctx.body().buffer().getBytes());
            JsonNode r = node == null || !node.isObject() ? null : node.get("rating");
            return r != null && r.isTextual() && AnswerRating.isRating(r.asText()) ? r.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
