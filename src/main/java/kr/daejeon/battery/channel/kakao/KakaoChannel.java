package kr.daejeon.battery.channel.kakao;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import kr.daejeon.battery.api.ApiError;
import kr.daejeon.battery.api.ErrorMapper;
import kr.daejeon.battery.api.Handlers;
import kr.daejeon.battery.channel.ChannelDelivery;
import kr.daejeon.battery.channel.ChannelDirectory;
import kr.daejeon.battery.channel.ChannelInbox;
import kr.daejeon.battery.channel.HandoffBubble;
import kr.daejeon.battery.channel.OutboundHttp;
import kr.daejeon.battery.channel.TextSplitter;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageKind;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.content.Content;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.LanguageDetector;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.StoreBusyException;
import kr.daejeon.battery.session.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kakao i Open Builder skill server ({@code POST /channels/kakao/skill}). Kakao does not sign
 * requests, so a shared-secret header set in the skill's settings is checked (constant time) before
 * the body is read, and only allow-listed bot ids are served. Answers are skill responses version
 * 2.0: up to three {@code simpleText} outputs of at most 1,000 characters and up to ten
 * {@code quickReplies}.
 *
 * <p>Kakao gives up on a skill after five seconds and does not retry, so a 503 would only show the user an
 * error. A turn not done within the budget ({@code KAKAO_ANSWER_BUDGET_MS}) is answered "taking longer"
 * instead; a busy or unreachable store is retried until then (the turn carries a key of its own, so a retry
 * of an attempt that was stored after all is not stored twice). When the request had an allowed
 * {@code callbackUrl} (Kakao's AI-chatbot callback, valid for one minute, once) the answer is
 * {@code useCallback} and the turn keeps being retried for the rest of that minute; its answer then goes to
 * the callback. Without one the turn is tried for that minute too, and an answer that comes too late waits, like
 * staff replies, for the user's next message.
 *
 * <p>Staff replies go to the latest callback URL while it is valid; otherwise they wait and are delivered with
 * the user's next message, which the user is told at handoff.
 */
public final class KakaoChannel implements ChannelDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(KakaoChannel.class);
    public static final String CHANNEL = "kakao";
    static final int MAX_TEXT = 1000;
    static final int MAX_OUTPUTS = 3;
    static final int MAX_QUICK_REPLIES = 10;
    /** A callback URL is valid for a minute: used within 55 s, so a call on its way still arrives in time. */
    private static final Duration CALLBACK_VALIDITY = Duration.ofSeconds(55);
    /** The pause between tries of a turn the store refused (busy or unreachable). */
    private static final long RETRY_PAUSE_MS = 250;

    private final Vertx vertx;
    private final ChannelInbox inbox;
    private final ChannelDirectory directory;
    private final java.util.function.Supplier<Content> content;
    private final String secretHeader;
    private final byte[] secret;
    private final Set<String> botIds;
    private final OutboundHttp out;
    private final kr.daejeon.battery.feedback.AnswerFeedback feedback;
    private final KakaoCallbackHosts callbackHosts;
    private final Duration budget;

    /**
     * "Was it helpful?" as two quick replies. Kakao's message quick replies carry no data, so the answer they rate
     * is remembered per user (the latest rateable answer, for a day).
     */
    static final String THUMB_UP = "👍";
    static final String THUMB_DOWN = "👎";
    private static final Duration RATEABLE_FOR = Duration.ofDays(1);

    /** Who answers the skill request: the turn itself in time, or the budget timer. */
    private enum Answered { NOT_YET, IN_TIME, TAKING_LONGER, BY_CALLBACK }

    public KakaoChannel(Vertx vertx, ChannelInbox inbox, ChannelDirectory directory, OutboundHttp out,
                        java.util.function.Supplier<Content> content, String secretHeader, String secret, Set<String> botIds,
                        kr.daejeon.battery.feedback.AnswerFeedback feedback, KakaoCallbackHosts callbackHosts, Duration budget) {
        this.out = out;
        this.feedback = feedback;
        this.vertx = vertx;
        this.inbox = inbox;
        this.directory = directory;
        this.content = content;
        this.secretHeader = secretHeader;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.botIds = Set.copyOf(botIds);
        this.callbackHosts = callbackHosts;
        this.budget = budget;
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
        String requested = req.path("userRequest").path("callbackUrl").asText("");
        if (utterance.isEmpty() || userId.isEmpty()) {
            new ApiError(400, "invalid_skill_request", "userRequest.utterance and userRequest.user.id are required.").send(ctx);
            return;
        }
        String callbackUrl = !requested.isEmpty() && callbackHosts.allows(requested) ? requested : null;
        Language language = LanguageDetector.detect(utterance, Language.KO);
        AtomicReference<Answered> answered = new AtomicReference<>(Answered.NOT_YET);
        // Tries of this one request are one turn: a try the store applied after all is not stored again.
        String turnKey = Tokens.random(12);
        long started = System.currentTimeMillis();
        // Tried for a minute either way: without a callback the user was told "taking longer, send any message for
        // the answer", so a turn the store refused until the budget ran out must still be stored and its answer
        // queued. (Tries used to stop at the budget there: the message was answered 200 and never stored.)
        long tryUntil = started + CALLBACK_VALIDITY.toMillis();
        long timer = vertx.setTimer(budget.toMillis(), t -> {
            Answered slow = callbackUrl != null ? Answered.BY_CALLBACK : Answered.TAKING_LONGER;
            if (answered.compareAndSet(Answered.NOT_YET, slow)) {
                LOG.info("kakao skill answered '{}' after {} ms", slow == Answered.BY_CALLBACK ? "useCallback" : "taking longer",
                        budget.toMillis());
                Handlers.json(ctx, 200, slow == Answered.BY_CALLBACK ? callbackPending(language) : takingLonger(language));
            }
        });
        tries(ctx, () -> handle(userId, utterance, turnKey, callbackUrl, answered), tryUntil).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                if (ar.result() != null) {
                    Handlers.json(ctx, 200, ar.result());
                }
            } else if (answered.compareAndSet(Answered.NOT_YET, Answered.TAKING_LONGER)) {
                if (retryable(ar.cause())) {
                    Handlers.json(ctx, 200, takingLonger(language));
                } else {
                    ErrorMapper.fail(ctx, ar.cause());
                }
            } else if (answered.get() == Answered.BY_CALLBACK) {
                LOG.warn("kakao turn not stored within the callback's minute: {}", ar.cause().toString());
                out.post(new OutboundHttp.Call(URI.create(callbackUrl), null, "callback", Map.of(),
                        response(List.of(message("kakao_try_again", language)), List.of())), b -> 1000);
            }
        });
    }

    /** {@code work} off the event loop, tried again after a pause while the store refuses and time is left. */
    private Future<Map<String, Object>> tries(RoutingContext ctx, java.util.concurrent.Callable<Map<String, Object>> work,
                                              long until) {
        return inbox.offLoop(ctx, work).recover(e -> {
            if (!retryable(e) || System.currentTimeMillis() + RETRY_PAUSE_MS >= until) {
                return Future.failedFuture(e);
            }
            Promise<Void> pause = Promise.promise();
            vertx.setTimer(RETRY_PAUSE_MS, t -> pause.complete());
            return pause.future().compose(v -> tries(ctx, work, until));
        });
    }

    private static boolean retryable(Throwable e) {
        return e instanceof StoreUnavailableException || e instanceof StoreBusyException;
    }

    /**
     * One try of the turn; returns the skill response when it is answered in time, or null when the budget timer
     * answered first (the answer then went to the callback, or waits for the user's next message).
     */
    private Map<String, Object> handle(String userId, String utterance, String turnKey, String callbackUrl,
                                       AtomicReference<Answered> answered) {
        if (utterance.equals(THUMB_UP) || utterance.equals(THUMB_DOWN)) {
            Map<String, Object> rated = rate(userId, utterance.equals(THUMB_UP) ? "up" : "down");
            if (rated != null) {
                // Stored either way; the thank-you only when it is still in time.
                return answered.compareAndSet(Answered.NOT_YET, Answered.IN_TIME) ? rated : null;
            }
        }
        String key = ChannelInbox.userKey(CHANNEL, userId);
        Map<String, Object> ratedTicket = inbox.existing(CHANNEL, userId).map(id -> rateTicket(key, id, utterance)).orElse(null);
        if (ratedTicket != null) {
            return answered.compareAndSet(Answered.NOT_YET, Answered.IN_TIME) ? ratedTicket : null;
        }
        // The conversation's push address is only the key: Kakao's user id is a secret and is never stored in clear.
        ChannelInbox.Received received = inbox.receive(new ChannelInbox.Inbound(CHANNEL, userId, key, utterance, turnKey));
        ChatService.Turn turn = received.turn();
        // Staff replies waiting for this user are taken only once the turn is stored: a turn that fails (503)
        // leaves them queued for the next message instead of dropping them.
        List<Message> all = new ArrayList<>();
        for (String json : directory.drain("kakao-pending:" + key)) {
            all.add(JsonCodec.read(json, Message.class));
        }
        all.addAll(ChannelInbox.forMessenger(turn.replies()));
        if (turn.handoff() && turn.replies().stream().anyMatch(m -> m.kind() == MessageKind.QUEUE)) {
            // How staff replies arrive here, in the handoff's own bubble.
            Language lang = LanguageDetector.detect(utterance, Language.KO);
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).kind() == MessageKind.HANDOFF) {
                    all.set(i, HandoffBubble.append(all.get(i), content.get().faq().message("kakao_staff_delivery", lang)));
                    break;
                }
            }
        }
        List<String> texts = all.stream().map(ChannelInbox::textOf).toList();
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
        List<String> scores = ratingQuickReplies(key, all);
        Map<String, Object> response = response(texts, scores.isEmpty() ? quick : scores);
        if (answered.compareAndSet(Answered.NOT_YET, Answered.IN_TIME)) {
            if (callbackUrl != null) {
                directory.putOnce("kakao-callback:" + key, callbackUrl, CALLBACK_VALIDITY);
            }
            return response;
        }
        if (answered.get() == Answered.BY_CALLBACK) {
            out.post(new OutboundHttp.Call(URI.create(callbackUrl), received.conversationId(), "callback", Map.of(), response),
                    b -> 1000);
        } else {
            // Too late for this request, and no callback: the answer waits for the user's next message.
            for (Message m : all) {
                directory.enqueue("kakao-pending:" + key, JsonCodec.write(m));
            }
        }
        return null;
    }

    private Map<String, Object> takingLonger(Language language) {
        return response(List.of(message("kakao_taking_longer", language)), List.of());
    }

    /** Kakao shows the block's callback message (which may use {@code data.text}) until the callback arrives. */
    private Map<String, Object> callbackPending(Language language) {
        return Map.of("version", "2.0", "useCallback", true, "data", Map.of("text", message("kakao_answer_follows", language)));
    }

    private String message(String key, Language language) {
        return content.get().faq().message(key, language);
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
        Message survey = messages.stream().filter(m -> m.kind() == MessageKind.CSAT
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
    private Map<String, Object> rate(String userId, String rating) {
        String key = ChannelInbox.userKey(CHANNEL, userId);
        java.util.Optional<String> answer = directory.conversationFor("kakao-rateable:" + key);
        java.util.Optional<String> conversation = answer.isEmpty() ? java.util.Optional.empty() : inbox.existing(CHANNEL, userId);
        if (conversation.isEmpty()) {
            return null;
        }
        try {
            kr.daejeon.battery.feedback.AnswerRating stored = feedback.rateFromChannel(conversation.get(), Long.parseLong(answer.get()), rating);
            return response(List.of("en".equals(stored.locale()) ? "Thanks for telling us." : "의견 고마워요."), List.of());
        } catch (kr.daejeon.battery.feedback.AnswerFeedback.UnknownAnswerException | NumberFormatException e) {
            return null;
        }
    }

    @Override
    public CompletableFuture<Boolean> deliver(ConversationState conversation, List<Message> messages) {
        String key = conversation.channelUser();
        var callback = directory.take("kakao-callback:" + key).filter(callbackHosts::allows);
        if (callback.isPresent()) {
            List<String> texts = ChannelInbox.forMessenger(messages).stream().map(ChannelInbox::textOf).toList();
            return out.post(new OutboundHttp.Call(URI.create(callback.get()), conversation.id(), "callback", Map.of(),
                    response(texts, ratingQuickReplies(key, messages))), b -> 1000);
        }
        for (Message m : messages) {
            directory.enqueue("kakao-pending:" + key, JsonCodec.write(m));
        }
        return CompletableFuture.completedFuture(true);
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
