package kr.daejeon.battery.channel.kakao;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.daejeon.battery.api.ApiError;
import kr.daejeon.battery.api.ChatApi;
import kr.daejeon.battery.api.Correlation;
import kr.daejeon.battery.channel.ChannelDelivery;
import kr.daejeon.battery.channel.ChannelDirectory;
import kr.daejeon.battery.channel.OutboundHttp;
import kr.daejeon.battery.channel.TextSplitter;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.content.Content;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.LanguageDetector;
import kr.daejeon.battery.session.JsonCodec;

/**
 * Kakao i Open Builder skill server ({@code POST /channels/kakao/skill}). Kakao does not sign
 * requests, so a shared-secret header set in the skill's settings is checked (constant time) before
 * the body is read, and only allow-listed bot ids are served. Answers are skill responses version
 * 2.0: up to three {@code simpleText} outputs of at most 1,000 characters and up to ten
 * {@code quickReplies}, always within Kakao's five-second limit. Staff replies go to the block's
 * callback URL while it is valid (one minute, once); otherwise they wait and are delivered with the
 * user's next message, which the user is told at handoff.
 */
public final class KakaoChannel implements ChannelDelivery {

    public static final String CHANNEL = "kakao";
    static final int MAX_TEXT = 1000;
    static final int MAX_OUTPUTS = 3;
    static final int MAX_QUICK_REPLIES = 10;
    static final long ANSWER_WITHIN_MS = 4000;
    private static final Duration CALLBACK_VALIDITY = Duration.ofSeconds(55);

    private final Vertx vertx;
    private final ChatService chat;
    private final ChannelDirectory directory;
    private final java.util.function.Supplier<Content> content;
    private final String secretHeader;
    private final byte[] secret;
    private final Set<String> botIds;
    private final OutboundHttp out;
    private final kr.daejeon.battery.feedback.AnswerFeedback feedback;

    /**
     * "Was it helpful?" as two quick replies. Kakao's message quick replies carry no data, so the answer they rate
     * is remembered per user (the latest rateable answer, for a day).
     */
    static final String THUMB_UP = "👍";
    static final String THUMB_DOWN = "👎";
    private static final Duration RATEABLE_FOR = Duration.ofDays(1);

    public KakaoChannel(Vertx vertx, ChatService chat, ChannelDirectory directory, OutboundHttp out, java.util.function.Supplier<Content> content,
                        String secretHeader, String secret, Set<String> botIds, kr.daejeon.battery.feedback.AnswerFeedback feedback) {
        this.out = out;
        this.feedback = feedback;
        this.vertx = vertx;
        this.chat = chat;
        this.directory = directory;
        this.content = content;
        this.secretHeader = secretHeader;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.botIds = Set.copyOf(botIds);
    }

    public void mount(Router router) {
        router.post("/channels/kakao/skill").handler(this::checkSecret);
        router.post("/channels/kakao/skill").handler(BodyHandler.create(false).setBodyLimit(256 * 1024)).handler(this::skill);
    }

    private void checkSecret(RoutingContext ctx) {
        String presented = ctx.request().getHeader(secretHeader);
        if (presented == null || !MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret)) {
            new ApiError(401, "invalid_secret", "Wrong or missing " + secretHeader + " header.").send(ctx);
            return;
        }
        ctx.next();
    }

    private void skill(RoutingContext ctx) {
        JsonNode req;
        try {
            req = JsonCodec.MAPPER.readTree(ctx.body().buffer().getBytes());
        } catch (Exception e) {
            new ApiError(400, "malformed_json", "The skill request is not valid JSON.").send(ctx);
            return;
        }
        if (req == null || !req.path("userRequest").isObject()) {
            new ApiError(400, "invalid_skill_request", "Not a Kakao skill request.").send(ctx);
            return;
        }
        if (!botIds.contains(req.path("bot").path("id").asText(""))) {
            new ApiError(403, "bot_not_allowed", "This bot id is not allowed.").send(ctx);
            return;
        }
        String utterance = req.path("userRequest").path("utterance").asText("").strip();
        String userId = req.path("userRequest").path("user").path("id").asText("");
        String callbackUrl = req.path("userRequest").path("callbackUrl").asText("");
        if (utterance.isEmpty() || userId.isEmpty()) {
            new ApiError(400, "invalid_skill_request", "userRequest.utterance and userRequest.user.id are required.").send(ctx);
            return;
        }
        AtomicBoolean answered = new AtomicBoolean();
        // Kakao gives up after five seconds: answer in time whatever the store is doing.
        long timer = vertx.setTimer(ANSWER_WITHIN_MS, t -> {
            if (answered.compareAndSet(false, true)) {
                ChatApi.json(ctx, 200, response(List.of(Language.KO == LanguageDetector.detect(utterance, Language.KO)
                        ? "답변 준비에 시간이 걸리고 있어요. 잠시 후 다시 말씀해 주세요."
                        : "This is taking longer than usual. Please ask again in a moment."), List.of()));
            }
        });
        vertx.executeBlocking(Correlation.wrap(ctx, () -> handle(userId, utterance, callbackUrl)), false).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            if (ar.succeeded()) {
                ChatApi.json(ctx, 200, ar.result());
            } else {
                ChatApi.fail(ctx, ar.cause());
            }
        });
    }

    private Map<String, Object> handle(String userId, String utterance, String callbackUrl) {
        String key = CHANNEL + ":" + Tokens.hash(userId);
        // The conversation's push address is only a key: Kakao's user id is a secret and is never stored in clear.
        String id = directory.conversationFor(key).filter(chat::exists).orElseGet(() -> {
            String created = chat.startChannelConversation(LanguageDetector.detect(utterance, Language.KO), CHANNEL, key);
            directory.link(key, created, Duration.ofDays(90));
            return created;
        });
        if (utterance.equals(THUMB_UP) || utterance.equals(THUMB_DOWN)) {
            Map<String, Object> rated = rate(key, id, utterance.equals(THUMB_UP) ? "up" : "down");
            if (rated != null) {
                return rated;
            }
        }
        Map<String, Object> ratedTicket = rateTicket(key, id, utterance);
        if (ratedTicket != null) {
            return ratedTicket;
        }
        ChatService.Turn turn = chat.postFromChannel(id, TextSplitter.head(utterance, 2000));
        // Staff replies waiting for this user are taken only once the turn is stored: a turn that fails (503)
        // leaves them queued for the next message instead of dropping them.
        List<Message> pending = new ArrayList<>();
        for (String json : directory.drain("kakao-pending:" + key)) {
            pending.add(JsonCodec.read(json, Message.class));
        }
        if (!callbackUrl.isEmpty()) {
            directory.putOnce("kakao-callback:" + key, callbackUrl, CALLBACK_VALIDITY);
        }
        List<Message> all = new ArrayList<>(pending);
        all.addAll(turn.replies());
        List<String> texts = new ArrayList<>();
        for (Message m : all) {
            texts.add(m.author() != null ? m.author() + ": " + m.text() : m.text());
        }
        if (turn.handoff() && turn.replies().stream().anyMatch(m -> "queue".equals(m.kind()))) {
            Language lang = LanguageDetector.detect(utterance, Language.KO);
            texts.add(content.get().faq().message("kakao_staff_delivery", lang));
        }
        List<String> quick = turn.replies().isEmpty() ? List.of() : turn.replies().get(turn.replies().size() - 1).quickReplies();
        quick = quick == null ? List.of() : quick;
        Message rateable = turn.replies().stream().filter(kr.daejeon.battery.feedback.AnswerRating::rateable)
                .reduce((a, b) -> b).orElse(null);
        if (rateable != null) {
            directory.link("kakao-rateable:" + key, Long.toString(rateable.id()), RATEABLE_FOR);
            List<String> withThumbs = new ArrayList<>(quick.subList(0, Math.min(quick.size(), MAX_QUICK_REPLIES - 2)));
            withThumbs.add(THUMB_UP);
            withThumbs.add(THUMB_DOWN);
            quick = withThumbs;
        }
        List<String> scores = ratingQuickReplies(key, pending);
        return response(texts, scores.isEmpty() ? quick : scores);
    }

    private kr.daejeon.battery.escalation.TicketSatisfaction satisfaction;

    /** Lets customers rate a resolved ticket with the five quick replies under the question. */
    public KakaoChannel rateTicketsWith(kr.daejeon.battery.escalation.TicketSatisfaction ratings) {
        this.satisfaction = ratings;
        return this;
    }

    /**
     * The five scores as quick replies when {@code messages} ask for a rating (the ticket is remembered for the
     * user's next utterance); empty otherwise.
     */
    private List<String> ratingQuickReplies(String key, List<Message> messages) {
        Message survey = messages.stream().filter(m -> kr.daejeon.battery.escalation.SatisfactionSurvey.KIND.equals(m.kind())
                && m.ticketId() != null).reduce((a, b) -> b).orElse(null);
        if (survey == null) {
            return List.of();
        }
        directory.link("kakao-csat:" + key, survey.ticketId(), RATEABLE_FOR);
        boolean english = !survey.text().matches("(?s).*[\\uAC00-\\uD7A3].*");
        List<String> labels = new ArrayList<>();
        for (int score = 1; score <= 5; score++) {
            labels.add(kr.daejeon.battery.escalation.SatisfactionSurvey.label(score, english));
        }
        return labels;
    }

    /** A score quick reply ("5 매우 만족"): stored with the remembered ticket; null when the utterance is not one. */
    private Map<String, Object> rateTicket(String key, String conversationId, String utterance) {
        int score = 0;
        for (int s = 1; s <= 5 && score == 0; s++) {
            if (utterance.equals(kr.daejeon.battery.escalation.SatisfactionSurvey.label(s, false))
                    || utterance.equals(kr.daejeon.battery.escalation.SatisfactionSurvey.label(s, true))) {
                score = s;
            }
        }
        java.util.Optional<String> ticket = score == 0 || satisfaction == null ? java.util.Optional.empty()
                : directory.conversationFor("kakao-csat:" + key);
        if (ticket.isEmpty()) {
            return null;
        }
        try {
            String locale = satisfaction.rateFromChannel(conversationId, ticket.get(), score);
            return response(List.of(kr.daejeon.battery.escalation.SatisfactionSurvey.thanks("en".equals(locale))), List.of());
        } catch (kr.daejeon.battery.escalation.TicketSatisfaction.UnknownTicketException
                 | kr.daejeon.battery.escalation.TicketSatisfaction.NotRateableException e) {
            return null;
        }
    }

    /** A thumb tapped under the latest answer: stored as its rating; null when there is no answer to rate. */
    private Map<String, Object> rate(String key, String conversationId, String rating) {
        java.util.Optional<String> answer = directory.conversationFor("kakao-rateable:" + key);
        if (answer.isEmpty()) {
            return null;
        }
        try {
            kr.daejeon.battery.feedback.AnswerRating stored = feedback.rateFromChannel(conversationId, Long.parseLong(answer.get()), rating);
            return response(List.of("en".equals(stored.locale()) ? "Thanks for telling us." : "의견 고마워요."), List.of());
        } catch (kr.daejeon.battery.feedback.AnswerFeedback.UnknownAnswerException | NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void deliver(ConversationState conversation, List<Message> messages) {
        String key = conversation.channelUser();
        var callback = directory.take("kakao-callback:" + key);
        if (callback.isPresent()) {
            List<String> texts = messages.stream().map(m -> m.author() != null ? m.author() + ": " + m.text() : m.text()).toList();
            out.post(new OutboundHttp.Call(URI.create(callback.get()), conversation.id(), "callback", Map.of(),
                    response(texts, ratingQuickReplies(key, messages))), b -> 1000);
            return;
        }
        for (Message m : messages) {
            directory.enqueue("kakao-pending:" + key, JsonCodec.write(m));
        }
    }

    /** A skill response 2.0: texts split at 1,000 characters into at most three outputs. */
    static Map<String, Object> response(List<String> texts, List<String> quickReplies) {
        List<String> parts = new ArrayList<>();
        for (String t : texts) {
            parts.addAll(TextSplitter.split(t, MAX_TEXT));
        }
        if (parts.size() > MAX_OUTPUTS) {
            // Keep the newest two parts whole; fit what came before into the first output.
            String merged = String.join("\n", parts.subList(0, parts.size() - (MAX_OUTPUTS - 1)));
            List<String> kept = new ArrayList<>();
            kept.add(TextSplitter.tail(merged, MAX_TEXT));
            kept.addAll(parts.subList(parts.size() - (MAX_OUTPUTS - 1), parts.size()));
            parts = kept;
        }
        List<Map<String, Object>> outputs = new ArrayList<>();
        for (String p : parts) {
            outputs.add(Map.of("simpleText", Map.of("text", p)));
        }
        Map<String, Object> template = new LinkedHashMap<>();
        template.put("outputs", outputs);
        if (!quickReplies.isEmpty()) {
            List<Map<String, Object>> qr = new ArrayList<>();
            for (String q : quickReplies.subList(0, Math.min(MAX_QUICK_REPLIES, quickReplies.size()))) {
                qr.add(Map.of("label", TextSplitter.head(q, 14), "action", "message", "messageText", q));
            }
            template.put("quickReplies", qr);
        }
        return Map.of("version", "2.0", "template", template);
    }
}
