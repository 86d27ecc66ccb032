package kr.daejeon.battery.channel.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import kr.daejeon.battery.api.ApiError;
import kr.daejeon.battery.conversation.MessageKind;
import kr.daejeon.battery.feedback.AnswerFeedback;
import kr.daejeon.battery.feedback.AnswerRating;
import kr.daejeon.battery.channel.ChannelDelivery;
import kr.daejeon.battery.channel.ChannelInbox;
import kr.daejeon.battery.channel.OutboundHttp;
import kr.daejeon.battery.channel.TextSplitter;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.session.JsonCodec;

/**
 * Telegram Bot API adapter: the webhook ({@code POST /channels/telegram/webhook}) checks
 * {@code X-Telegram-Bot-Api-Secret-Token} before the body is read, parses updates (text messages and
 * inline-keyboard taps, {@code callback_query}) for the {@link ChannelInbox}, which stores retried updates
 * once by their {@code update_id}, and formats the answers and staff replies as {@code sendMessage} calls.
 */
public final class TelegramChannel implements ChannelDelivery {

    public static final String CHANNEL = "telegram";
    static final int MAX_TEXT = 4096;

    private final ChannelInbox inbox;
    private final byte[] secret;
    private final String apiBase;
    private final OutboundHttp out;
    private final AnswerFeedback feedback;

    /** Inline buttons under an answer ("rate:{messageId}:up|down"): a rating, not a message. */
    private static final java.util.regex.Pattern RATE = java.util.regex.Pattern.compile("rate:(\\d{1,12}):(up|down)");

    public TelegramChannel(ChannelInbox inbox, OutboundHttp out, String botToken, String secretToken, String apiBase,
                           AnswerFeedback feedback) {
        this.out = out;
        this.feedback = feedback;
        this.inbox = inbox;
        this.secret = secretToken.getBytes(StandardCharsets.UTF_8);
        this.apiBase = apiBase.replaceAll("/+$", "") + "/bot" + botToken + "/";
    }

    private kr.daejeon.battery.escalation.TicketSatisfaction satisfaction;

    /** Lets customers rate a resolved ticket with the five buttons under the question. */
    public TelegramChannel rateTicketsWith(kr.daejeon.battery.escalation.TicketSatisfaction ratings) {
        this.satisfaction = ratings;
        return this;
    }

    public void mount(Router router) {
        // Two routes: the secret is checked before anything reads the body.
        router.post("/channels/telegram/webhook").handler(this::checkSecret);
        router.post("/channels/telegram/webhook").handler(BodyHandler.create(false).setBodyLimit(256 * 1024))
                .handler(this::update);
    }

    private void checkSecret(RoutingContext ctx) {
        String presented = ctx.request().getHeader("X-Telegram-Bot-Api-Secret-Token");
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret)) {
            new ApiError(401, "invalid_secret", "Wrong or missing X-Telegram-Bot-Api-Secret-Token.").send(ctx);
            return;
        }
        ctx.next();
    }

    private void update(RoutingContext ctx) {
        JsonNode update;
        try {
            update = JsonCodec.MAPPER.readTree(ctx.body().buffer().getBytes());
        } catch (Exception e) {
            new ApiError(400, "malformed_json", "The update is not valid JSON.").send(ctx);
            return;
        }
        if (update == null || !update.path("update_id").canConvertToLong()) {
            new ApiError(400, "invalid_update", "Not a Telegram update.").send(ctx);
            return;
        }
        inbox.answer(ctx, () -> handle(update), handled -> Map.of("ok", true));
    }

    /** Processes one update; returns after the turn is stored (replies are sent asynchronously). */
    private boolean handle(JsonNode update) {
        String text;
        JsonNode chatNode;
        JsonNode callback = update.get("callback_query");
        if (callback != null) {
            text = callback.path("data").asText("");
            chatNode = callback.path("message").path("chat");
            java.util.regex.Matcher csat = kr.daejeon.battery.escalation.SatisfactionSurvey.BUTTON.matcher(text);
            if (csat.matches()) {
                return rateTicket(callback, chatNode, csat.group(1), Integer.parseInt(csat.group(2)));
            }
            java.util.regex.Matcher rate = RATE.matcher(text);
            if (rate.matches()) {
                return rate(callback, chatNode, Long.parseLong(rate.group(1)), rate.group(2));
            }
            send(null, "answerCallbackQuery", Map.of("callback_query_id", callback.path("id").asText()));
        } else {
            JsonNode message = update.has("message") ? update.get("message") : update.path("edited_message");
            text = message.path("text").asText("");
            chatNode = message.path("chat");
        }
        if (text.isBlank() || !chatNode.has("id")) {
            return false;
        }
        String chatId = chatNode.get("id").asText();
        // A redelivered update that was stored gets its stored answer, sent again: the platform retries only
        // updates it did not see answered, so the customer most likely never got it.
        ChannelInbox.Received received = inbox.receive(new ChannelInbox.Inbound(CHANNEL, chatId, chatId, text,
                Long.toString(update.get("update_id").asLong())));
        sendAll(received.conversationId(), chatId, received.turn().replies());
        return true;
    }

    /** A 👍/👎 tap: recorded for the answer (the last tap counts) and acknowledged with a short thank-you. */
    private boolean rate(JsonNode callback, JsonNode chatNode, long messageId, String rating) {
        Optional<String> id = chatNode.has("id") ? inbox.existing(CHANNEL, chatNode.get("id").asText()) : Optional.empty();
        boolean recorded = false;
        if (id.isPresent()) {
            try {
                feedback.rateFromChannel(id.get(), messageId, rating);
                recorded = true;
            } catch (AnswerFeedback.UnknownAnswerException e) {
                // An old or foreign button: acknowledged, nothing stored.
            }
        }
        boolean english = "en".equals(callback.path("from").path("language_code").asText(""));
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("callback_query_id", callback.path("id").asText());
        if (recorded) {
            ack.put("text", english ? "Thanks for telling us." : "의견 고마워요.");
        }
        send(null, "answerCallbackQuery", ack);
        return recorded;
    }

    /** A score tapped under "상담은 어떠셨나요?": stored with the ticket once, acknowledged either way. */
    private boolean rateTicket(JsonNode callback, JsonNode chatNode, String ticketId, int score) {
        Optional<String> id = chatNode.has("id") ? inbox.existing(CHANNEL, chatNode.get("id").asText()) : Optional.empty();
        boolean recorded = false;
        if (id.isPresent() && satisfaction != null) {
            try {
                satisfaction.rateFromChannel(id.get(), ticketId, score);
                recorded = true;
            } catch (kr.daejeon.battery.escalation.TicketSatisfaction.UnknownTicketException
                     | kr.daejeon.battery.escalation.TicketSatisfaction.NotRateableException e) {
                // An old, foreign or second tap: acknowledged, nothing stored.
            }
        }
        Map<String, Object> ack = new LinkedHashMap<>();
        ack.put("callback_query_id", callback.path("id").asText());
        if (recorded) {
            ack.put("text", kr.daejeon.battery.escalation.SatisfactionSurvey.thanks(
                    "en".equals(callback.path("from").path("language_code").asText(""))));
        }
        send(null, "answerCallbackQuery", ack);
        return recorded;
    }

    /** Five buttons, one per row (1 poor … 5 excellent), under the satisfaction question. */
    static List<List<Map<String, String>>> ratingRows(Message m) {
        boolean english = !m.text().matches("(?s).*[\\uAC00-\\uD7A3].*");
        List<List<Map<String, String>>> rows = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            rows.add(List.of(Map.of("text", kr.daejeon.battery.escalation.SatisfactionSurvey.label(score, english),
                    "callback_data", kr.daejeon.battery.escalation.SatisfactionSurvey.button(m.ticketId(), score))));
        }
        return rows;
    }

    @Override
    public CompletableFuture<Boolean> deliver(ConversationState conversation, List<Message> messages) {
        return sendAll(conversation.id(), conversation.channelUser(), messages);
    }

    /** Sends in order: each message after the previous one was accepted (or finally failed). */
    private CompletableFuture<Boolean> sendAll(String conversationId, String chatId, List<Message> messages) {
        CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
        for (Message m : ChannelInbox.forMessenger(messages)) {
            for (Map<String, Object> payload : payloads(chatId, m)) {
                chain = chain.thenCompose(ok -> send(conversationId, "sendMessage", payload).thenApply(sent -> ok && sent));
            }
        }
        return chain;
    }

    static List<Map<String, Object>> payloads(String chatId, Message m) {
        List<String> parts = TextSplitter.split(ChannelInbox.textOf(m), MAX_TEXT);
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("chat_id", chatId);
            p.put("text", parts.get(i));
            boolean last = i == parts.size() - 1;
            List<List<Map<String, String>>> rows = new ArrayList<>();
            if (last && m.quickReplies() != null) {
                for (String q : m.quickReplies()) {
                    rows.add(List.of(Map.of("text", q, "callback_data", truncateUtf8(q, 64))));
                }
            }
            if (last && AnswerRating.rateable(m)) {
                // "Was it helpful?" as one row of two buttons under the answer.
                rows.add(List.of(Map.of("text", "👍", "callback_data", "rate:" + m.id() + ":up"),
                        Map.of("text", "👎", "callback_data", "rate:" + m.id() + ":down")));
            }
            if (last && m.kind() == MessageKind.CSAT && m.ticketId() != null) {
                rows.addAll(ratingRows(m));
            }
            if (!rows.isEmpty()) {
                p.put("reply_markup", Map.of("inline_keyboard", rows));
            }
            out.add(p);
        }
        return out;
    }

    static String truncateUtf8(String s, int maxBytes) {
        StringBuilder b = new StringBuilder();
        int bytes = 0;
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > maxBytes) {
                break;
            }
            b.appendCodePoint(cp);
            bytes += n;
            i += Character.charCount(cp);
        }
        return b.toString();
    }

    private CompletableFuture<Boolean> send(String conversationId, String method, Map<String, ?> payload) {
        return out.post(new OutboundHttp.Call(URI.create(apiBase + method), conversationId, method, Map.of(), payload),
                body -> body.path("parameters").path("retry_after").asLong(1) * 1000);
    }
}
