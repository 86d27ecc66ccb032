package kr.daejeon.battery.channel.line;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.daejeon.battery.api.ApiError;
import kr.daejeon.battery.conversation.MessageKind;
import kr.daejeon.battery.feedback.AnswerFeedback;
import kr.daejeon.battery.channel.ChannelDelivery;
import kr.daejeon.battery.channel.ChannelInbox;
import kr.daejeon.battery.channel.OutboundHttp;
import kr.daejeon.battery.channel.TextSplitter;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.session.JsonCodec;

/**
 * LINE Messaging API adapter: the webhook verifies {@code X-Line-Signature} (Base64 HMAC-SHA256 of
 * the raw body with the channel secret) before parsing, accepts the empty verification request, hands
 * text events to the {@link ChannelInbox} (which stores redelivered events once by their {@code webhookEventId}),
 * answers with the reply API (≤5 messages, ≤13 quick-reply items) and pushes staff replies with the push API
 * and an {@code X-Line-Retry-Key}.
 */
public final class LineChannel implements ChannelDelivery {

    public static final String CHANNEL = "line";
    static final int MAX_TEXT = 5000;
    static final int MAX_MESSAGES = 5;
    static final int MAX_QUICK_REPLIES = 13;

    private final ChannelInbox inbox;
    private final byte[] channelSecret;
    private final String accessToken;
    private final String apiBase;
    private final OutboundHttp out;
    private final AnswerFeedback feedback;

    /** Postback data of the 👍/👎 quick replies under an answer. */
    private static final java.util.regex.Pattern RATE = java.util.regex.Pattern.compile("rate:(\\d{1,12}):(up|down)");

    public LineChannel(ChannelInbox inbox, OutboundHttp out, String channelSecret, String accessToken, String apiBase,
                       AnswerFeedback feedback) {
        this.out = out;
        this.feedback = feedback;
        this.inbox = inbox;
        this.channelSecret = channelSecret.getBytes(StandardCharsets.UTF_8);
        this.accessToken = accessToken;
        this.apiBase = apiBase.replaceAll("/+$", "");
    }

    public void mount(Router router) {
        router.post("/channels/line/webhook").handler(BodyHandler.create(false).setBodyLimit(1024 * 1024))
                .handler(this::webhook);
    }

    private void webhook(RoutingContext ctx) {
        byte[] raw = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
        String signature = ctx.request().getHeader("X-Line-Signature");
        if (signature == null || !MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                sign(raw).getBytes(StandardCharsets.US_ASCII))) {
            new ApiError(401, "invalid_signature", "Wrong or missing X-Line-Signature.").send(ctx);
            return;
        }
        JsonNode body;
        try {
            body = JsonCodec.MAPPER.readTree(raw);
        } catch (Exception e) {
            new ApiError(400, "malformed_json", "The webhook body is not valid JSON.").send(ctx);
            return;
        }
        if (body == null || !body.path("events").isArray()) {
            new ApiError(400, "invalid_webhook", "Not a LINE webhook body.").send(ctx);
            return;
        }
        inbox.answer(ctx, () -> {
            for (JsonNode event : body.get("events")) {
                handle(event);
            }
            return true;
        }, handled -> Map.of());
    }

    String sign(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(channelSecret, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(JsonNode event) {
        String eventId = event.path("webhookEventId").asText("");
        if ("postback".equals(event.path("type").asText())) {
            if (!ticketRatingPostback(event)) {
                ratingPostback(event);
            }
            return;
        }
        if (!"message".equals(event.path("type").asText()) || !"text".equals(event.path("message").path("type").asText())) {
            return;
        }
        String text = event.path("message").path("text").asText("");
        String userId = event.path("source").path("userId").asText("");
        String replyToken = event.path("replyToken").asText("");
        if (text.isBlank() || userId.isEmpty()) {
            return;
        }
        ChannelInbox.Received received = inbox.receive(new ChannelInbox.Inbound(CHANNEL, userId, userId, text,
                eventId.isEmpty() ? null : eventId));
        String id = received.conversationId();
        ChatService.Turn turn = received.turn();
        if (turn.replayed() && !turn.replies().isEmpty()) {
            // A redelivery of a stored event: its reply token may have been used already, so the answer is pushed.
            Map<String, Object> push = new LinkedHashMap<>();
            push.put("to", userId);
            push.put("messages", messages(turn.replies()));
            out.post(new OutboundHttp.Call(URI.create(apiBase + "/v2/bot/message/push"), id, "push",
                    Map.of("Authorization", "Bearer " + accessToken, "X-Line-Retry-Key", retryKey(eventId)), push),
                    b -> 1000);
            return;
        }
        if (!turn.replies().isEmpty()) {
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("replyToken", replyToken);
            reply.put("messages", messages(turn.replies()));
            out.post(new OutboundHttp.Call(URI.create(apiBase + "/v2/bot/message/reply"), id, "reply",
                    Map.of("Authorization", "Bearer " + accessToken), reply), b -> 1000);
        }
    }

    private kr.daejeon.battery.escalation.TicketSatisfaction satisfaction;

    /** Lets customers rate a resolved ticket with the five quick replies under the question. */
    public LineChannel rateTicketsWith(kr.daejeon.battery.escalation.TicketSatisfaction ratings) {
        this.satisfaction = ratings;
        return this;
    }

    /** A score chosen under "상담은 어떠셨나요?": stored with the ticket once and thanked; false when not a score. */
    private boolean ticketRatingPostback(JsonNode event) {
        java.util.regex.Matcher csat = kr.daejeon.battery.escalation.SatisfactionSurvey.BUTTON.matcher(
                event.path("postback").path("data").asText(""));
        if (!csat.matches()) {
            return false;
        }
        String userId = event.path("source").path("userId").asText("");
        java.util.Optional<String> id = userId.isEmpty() ? java.util.Optional.empty() : inbox.existing(CHANNEL, userId);
        if (id.isEmpty() || satisfaction == null) {
            return true;
        }
        String locale;
        try {
            locale = satisfaction.rateFromChannel(id.get(), csat.group(1), Integer.parseInt(csat.group(2)));
        } catch (kr.daejeon.battery.escalation.TicketSatisfaction.UnknownTicketException
                 | kr.daejeon.battery.escalation.TicketSatisfaction.NotRateableException e) {
            return true;
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("replyToken", event.path("replyToken").asText(""));
        reply.put("messages", List.of(Map.of("type", "text", "text", kr.daejeon.battery.escalation.SatisfactionSurvey.thanks("en".equals(locale)))));
        out.post(new OutboundHttp.Call(URI.create(apiBase + "/v2/bot/message/reply"), id.get(), "reply",
                Map.of("Authorization", "Bearer " + accessToken), reply), b -> 1000);
        return true;
    }

    /** The five scores as quick-reply postbacks (LINE shows them as buttons above the keyboard). */
    static List<Map<String, Object>> ratingItems(Message m) {
        boolean english = !m.text().matches("(?s).*[\\uAC00-\\uD7A3].*");
        List<Map<String, Object>> items = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            String label = kr.daejeon.battery.escalation.SatisfactionSurvey.label(score, english);
            items.add(Map.of("type", "action", "action", Map.of("type", "postback", "label", label,
                    "data", kr.daejeon.battery.escalation.SatisfactionSurvey.button(m.ticketId(), score), "displayText", label)));
        }
        return items;
    }

    /** A 👍/👎 quick reply: recorded as the answer's rating (the last one counts) and thanked in one line. */
    private void ratingPostback(JsonNode event) {
        java.util.regex.Matcher rate = RATE.matcher(event.path("postback").path("data").asText(""));
        String userId = event.path("source").path("userId").asText("");
        if (!rate.matches() || userId.isEmpty()) {
            return;
        }
        java.util.Optional<String> id = inbox.existing(CHANNEL, userId);
        if (id.isEmpty()) {
            return;
        }
        kr.daejeon.battery.feedback.AnswerRating stored;
        try {
            stored = feedback.rateFromChannel(id.get(), Long.parseLong(rate.group(1)), rate.group(2));
        } catch (AnswerFeedback.UnknownAnswerException e) {
            return;
        }
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("replyToken", event.path("replyToken").asText(""));
        reply.put("messages", List.of(Map.of("type", "text", "text", "en".equals(stored.locale()) ? "Thanks for telling us." : "의견 고마워요.")));
        out.post(new OutboundHttp.Call(URI.create(apiBase + "/v2/bot/message/reply"), id.get(), "reply",
                Map.of("Authorization", "Bearer " + accessToken), reply), b -> 1000);
    }

    @Override
    public CompletableFuture<Boolean> deliver(ConversationState conversation, List<Message> messages) {
        Map<String, Object> push = new LinkedHashMap<>();
        push.put("to", conversation.channelUser());
        push.put("messages", messages(messages));
        // One retry key for all attempts of this push, derived from what it carries, so LINE never delivers it twice:
        // not when we retry, and not when another node runs the same outbox job again after this one died.
        return out.post(new OutboundHttp.Call(URI.create(apiBase + "/v2/bot/message/push"), conversation.id(), "push",
                Map.of("Authorization", "Bearer " + accessToken, "X-Line-Retry-Key", pushKey(conversation.id(), messages)), push),
                b -> 1000);
    }

    /** The same push (same conversation, same stored messages) always has the same retry key. */
    static String pushKey(String conversationId, List<Message> messages) {
        StringBuilder b = new StringBuilder("line-push:").append(conversationId);
        messages.forEach(m -> b.append(':').append(m.id()));
        return UUID.nameUUIDFromBytes(b.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** One retry key per redelivered event, so LINE sends its pushed answer at most once whatever we retry. */
    private static String retryKey(String eventId) {
        return UUID.nameUUIDFromBytes(("line-event:" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** LINE text messages: at most five per call; quick replies ride on the last one. */
    static List<Map<String, Object>> messages(List<Message> messages) {
        List<String> texts = new ArrayList<>();
        List<String> quick = List.of();
        Message rateable = null;
        Message survey = null;
        for (Message m : ChannelInbox.forMessenger(messages)) {
            survey = m.kind() == MessageKind.CSAT && m.ticketId() != null ? m : survey;
            rateable = kr.daejeon.battery.feedback.AnswerRating.rateable(m) ? m : rateable;
            texts.addAll(TextSplitter.split(ChannelInbox.textOf(m), MAX_TEXT));
            if (m.quickReplies() != null && !m.quickReplies().isEmpty()) {
                quick = m.quickReplies();
            }
        }
        if (texts.size() > MAX_MESSAGES) {
            // Keep the newest: the latest answer matters most; earlier parts are merged into the first slot.
            List<String> kept = new ArrayList<>(texts.subList(texts.size() - (MAX_MESSAGES - 1), texts.size()));
            String merged = String.join("\n", texts.subList(0, texts.size() - (MAX_MESSAGES - 1)));
            kept.add(0, TextSplitter.head(merged, MAX_TEXT));
            texts = kept;
        }
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Map<String, Object> msg = new LinkedHashMap<>();
            msg.put("type", "text");
            msg.put("text", texts.get(i));
            if (i == texts.size() - 1 && survey != null) {
                msg.put("quickReply", Map.of("items", ratingItems(survey)));
            } else if (i == texts.size() - 1 && (!quick.isEmpty() || rateable != null)) {
                List<Map<String, Object>> items = new ArrayList<>();
                // Two of the 13 places go to "Was it helpful?" when the last answer can be rated.
                int room = rateable != null ? MAX_QUICK_REPLIES - 2 : MAX_QUICK_REPLIES;
                for (String q : quick.subList(0, Math.min(room, quick.size()))) {
                    String label = TextSplitter.head(q, 20);
                    items.add(Map.of("type", "action", "action", Map.of("type", "message", "label", label, "text", q)));
                }
                if (rateable != null) {
                    for (String[] r : new String[][] {{"up", "👍"}, {"down", "👎"}}) {
                        items.add(Map.of("type", "action", "action", Map.of("type", "postback", "label", r[1],
                                "data", "rate:" + rateable.id() + ":" + r[0], "displayText", r[1])));
                    }
                }
                msg.put("quickReply", Map.of("items", items));
            }
            out.add(msg);
        }
        return out;
    }
}
