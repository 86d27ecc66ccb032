package kr.daejeon.battery.api;

import kr.daejeon.battery.infra.memory.EventBusMessageFeed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.ConversationNotFoundException;
import kr.daejeon.battery.conversation.InvalidTokenException;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.ratelimit.RateLimitedException;
import kr.daejeon.battery.ratelimit.RateLimiter;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.session.StoreBusyException;
import kr.daejeon.battery.session.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public chat API ({@code /api/v1}) and the health endpoints. Thin: it validates input,
 * runs the {@link ChatService} on worker threads and turns outcomes into HTTP.
 */
public final class ChatApi {

    private static final Logger LOG = LoggerFactory.getLogger(ChatApi.class);

    private final Vertx vertx;
    private final Handlers handlers;
    private final ChatService chat;
    private final SessionStore store;
    private final Settings settings;
    private final RateLimiter perClient;
    private final RateLimiter perConversation;
    private final ClientAddress clientAddress;
    private final StreamLimits streams;

    private final kr.daejeon.battery.privacy.PersonalData personalData;
    private final kr.daejeon.battery.health.Readiness readiness;

    /**
     * What the chat endpoints take from the configuration, rather than the whole of it.
     *
     * @param store the backend's name ({@code memory} or {@code redis}), reported by {@code /ready}
     */
    public record Settings(java.util.Set<String> trustedProxies, java.util.Set<String> corsOrigins, int maxBodyBytes,
                           int maxMessageChars, int maxStreamsPerClient, int maxStreamsPerConversation,
                           java.time.Duration ssePing, String store) {

        public static Settings of(AppConfig config, String store) {
            return new Settings(config.trustedProxies(), config.corsOrigins(), config.maxBodyBytes(),
                    config.maxMessageChars(), config.maxStreamsPerClient(), config.maxStreamsPerConversation(),
                    config.ssePing(), store);
        }
    }

    public ChatApi(Vertx vertx, ChatService chat, SessionStore store, Settings settings, RateLimiter perClient,
                   RateLimiter perConversation, kr.daejeon.battery.privacy.PersonalData personalData,
                   kr.daejeon.battery.health.Readiness readiness) {
        this.personalData = personalData;
        this.readiness = readiness;
        this.vertx = vertx;
        this.handlers = new Handlers(vertx);
        this.chat = chat;
        this.store = store;
        this.settings = settings;
        this.perClient = perClient;
        this.perConversation = perConversation;
        this.clientAddress = new ClientAddress(settings.trustedProxies());
        this.streams = new StreamLimits(settings.maxStreamsPerClient(), settings.maxStreamsPerConversation());
    }

    public void mount(Router router) {
        router.get("/health").handler(ctx -> Handlers.json(ctx, 200, Map.of("status", "ok")));
        router.get("/ready").handler(this::ready);

        router.route("/api/*").handler(new CorsPolicy(settings.corsOrigins())::handle);
        BodyHandler body = BodyHandler.create(false).setBodyLimit(settings.maxBodyBytes());
        // Turns come before the client limiter: they check both limits in their own worker job (see post),
        // one hop instead of two. Routes run in the order they are added.
        router.post("/api/v1/conversations/:id/messages").handler(body).handler(ctx -> requireJson(ctx, false))
                .handler(this::post);
        router.route("/api/*").handler(this::limitClient);
        router.post("/api/v1/conversations").handler(body).handler(ctx -> requireJson(ctx, true)).handler(this::create);
        router.patch("/api/v1/conversations/:id").handler(body).handler(ctx -> requireJson(ctx, false)).handler(this::patch);
        router.get("/api/v1/conversations/:id/messages").handler(this::list);
        router.get("/api/v1/conversations/:id/events").handler(this::events);
        router.delete("/api/v1/conversations/:id").handler(this::erase);
    }

    /**
     * The last result of the store's periodic write test (see {@code infra.redis.RedisWriteProbe}): no
     * I/O here, so a load balancer polling every node often costs Redis nothing, and a Redis that answers PING but
     * refuses writes (replica, out of memory, cluster down) makes the node not ready, with the reason.
     */
    private void ready(RoutingContext ctx) {
        kr.daejeon.battery.health.Readiness.Verdict v = readiness.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", v.ready() ? "ready" : "not_ready");
        body.put("store", settings.store());
        if (!v.ready()) {
            body.put("reason", v.reason());
            body.put("error", Map.of("code", "not_ready_" + v.reason(), "message", "Not ready: " + v.detail()));
            ctx.response().putHeader("Retry-After", "5");
        }
        Handlers.json(ctx, v.ready() ? 200 : 503, body);
    }

    private void limitClient(RoutingContext ctx) {
        Future<Integer> check = perClient.acquire(clientAddress.of(ctx.request()));
        if (!check.isComplete()) {
            // Asynchronous (Redis): hold the body until the body handler reads it.
            ctx.request().pause();
        }
        check.onComplete(ar -> {
            int wait = ar.succeeded() ? ar.result() : 0;
            if (wait > 0) {
                ctx.request().resume();
                new ApiError(429, "rate_limited", "Too many requests; retry after " + wait + " s.", wait).send(ctx);
                return;
            }
            ctx.next();
        });
    }

    private void create(RoutingContext ctx) {
        Language language = Language.KO;
        JsonNode body = optionalJsonObject(ctx);
        if (body != null && body.has("locale") && !body.get("locale").isNull()) {
            JsonNode locale = body.get("locale");
            language = locale.isTextual() ? Language.fromCode(locale.asText()) : null;
            if (language == null) {
                throw new ApiError(400, "invalid_locale", "'locale' must be \"ko\" or \"en\".");
            }
        }
        Language chosen = language;
        Handlers.respond(ctx, handlers.blocking(ctx, () -> chat.start(chosen, "web")).map(started -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("id", started.id());
            out.put("token", started.token());
            out.put("locale", started.state().locale());
            out.put("messages", started.messages());
            return out;
        }), 201);
    }

    /** {@code PATCH /api/v1/conversations/{id}} with {@code {"locale":"en"}}: the conversation continues in that language. */
    private void patch(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String token = bearer(ctx);
        JsonNode body = optionalJsonObject(ctx);
        JsonNode locale = body == null ? null : body.get("locale");
        Language language = locale != null && locale.isTextual() ? Language.fromCode(locale.asText()) : null;
        if (language == null) {
            throw new ApiError(400, "invalid_locale", "Send {\"locale\":\"ko\"} or {\"locale\":\"en\"}.");
        }
        Handlers.respond(ctx, handlers.blocking(ctx, () -> chat.switchLanguage(id, token, language)).map(messages -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("locale", language.code());
            out.put("messages", messages);
            return out;
        }), 200);
    }

    private void post(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String token = bearer(ctx);
        String client = clientAddress.of(ctx.request());
        String idempotencyKey = idempotencyKey(ctx);
        // Validation, limits and the turn in one worker job: one hop. The sender's address is charged first, on its
        // own (bad requests count too); the conversation's limit is charged in the step that stores the turn.
        Handlers.respond(ctx, handlers.blocking(ctx, () -> {
            refuseIfLimited(new int[] {perClient.take(client), 0});
            String text = messageText(ctx);
            kr.daejeon.battery.escalation.ContactConsent consent = consent(ctx);
            try {
                return chat.post(id, token, text, List.of(perConversation.asCharge()), idempotencyKey,
                        ChatService.ContactPolicy.withConsent(consent));
            } catch (RateLimitedException limited) {
                refuseIfLimited(new int[] {0, limited.retryAfterSeconds()});
                throw limited;
            }
        }).map(turn -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("intent", turn.intent());
            out.put("confidence", Math.round(turn.confidence() * 1000) / 1000.0);
            // Which curated answer replied (the first, when a message asked two things), and how well it fitted.
            turn.replies().stream().filter(m -> m.answerId() != null).findFirst().ifPresent(m -> {
                out.put("answerId", m.answerId());
                out.put("answerMatch", m.match());
            });
            out.put("handoff", turn.handoff());
            out.put("userMessage", turn.userMessage());
            out.put("messages", turn.replies());
            // Outside business hours the customer is asked for contact details: the widget shows the privacy notice.
            out.put("awaitingContact", turn.awaitingContact());
            return out;
        }), 200);
    }

    /**
     * The client's key for this message ({@code Idempotency-Key}), or null: a retry with the same key is answered
     * with the stored result instead of being stored again.
     */
    static String idempotencyKey(RoutingContext ctx) {
        String key = ctx.request().getHeader("Idempotency-Key");
        if (key == null) {
            return null;
        }
        key = key.trim();
        if (!key.matches("[A-Za-z0-9_.:-]{1,128}")) {
            throw new ApiError(400, "invalid_idempotency_key",
                    "'Idempotency-Key' must be 1-128 characters of A-Z, a-z, 0-9, '_', '.', ':' and '-'.");
        }
        return key;
    }

    /** Throws 429 when a turn's client address ({@code waits[0]}) or conversation ({@code waits[1]}) is over its limit. */
    private static void refuseIfLimited(int[] waits) {
        if (waits[0] > 0) {
            throw new ApiError(429, "rate_limited", "Too many requests; retry after " + waits[0] + " s.", waits[0]);
        }
        if (waits[1] > 0) {
            throw new ApiError(429, "rate_limited", "Too many messages in this conversation; retry after " + waits[1]
                    + " s.", waits[1]);
        }
    }

    /** The message of a turn request, validated; throws {@link ApiError} with what is wrong. */
    private String messageText(RoutingContext ctx) {
        JsonNode body = optionalJsonObject(ctx);
        if (body == null) {
            throw new ApiError(400, "invalid_body", "Send a JSON object like {\"text\":\"…\"}.");
        }
        JsonNode textNode = body.get("text");
        if (textNode == null || textNode.isNull()) {
            throw new ApiError(400, "missing_text", "'text' is required.");
        }
        if (!textNode.isTextual()) {
            throw new ApiError(400, "invalid_text", "'text' must be a string.");
        }
        String text = textNode.asText().strip();
        if (text.isEmpty()) {
            throw new ApiError(400, "empty_message", "The message is empty.");
        }
        int length = text.codePointCount(0, text.length());
        if (length > settings.maxMessageChars()) {
            throw new ApiError(400, "message_too_long",
                    "The message has " + length + " characters; the limit is " + settings.maxMessageChars() + ".");
        }
        return text;
    }

    /**
     * The privacy-notice consent sent with a message ({@code "consent":{"noticeVersion":"…","items":["email","phone"]}}),
     * or null; the widget sends it when the customer ticked the notice's box. Its time is the server's.
     */
    private static kr.daejeon.battery.escalation.ContactConsent consent(RoutingContext ctx) {
        JsonNode body = optionalJsonObject(ctx);
        JsonNode c = body == null ? null : body.get("consent");
        if (c == null || c.isNull()) {
            return null;
        }
        JsonNode version = c.get("noticeVersion");
        JsonNode items = c.get("items");
        if (!c.isObject() || version == null || !version.isTextual()
                || !kr.daejeon.battery.escalation.ContactConsent.validVersion(version.asText())
                || items == null || !items.isArray() || items.isEmpty() || items.size() > 2) {
            throw new ApiError(400, "invalid_consent",
                    "'consent' must be {\"noticeVersion\":\"…\",\"items\":[\"email\",\"phone\"]}.");
        }
        java.util.List<String> named = new java.util.ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isTextual() || !kr.daejeon.battery.escalation.ContactConsent.ITEMS.contains(item.asText())
                    || named.contains(item.asText())) {
                throw new ApiError(400, "invalid_consent", "'consent.items' may name \"email\" and \"phone\", each once.");
            }
            named.add(item.asText());
        }
        return new kr.daejeon.battery.escalation.ContactConsent(version.asText(), null, java.util.List.copyOf(named));
    }

    private void list(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        long after = afterParam(ctx.request().getParam("after"), "after");
        String token = bearer(ctx);
        Handlers.respond(ctx, handlers.blocking(ctx, () -> chat.transcript(id, token, after)).map(page -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("messages", page.messages());
            out.put("locale", page.locale());
            out.put("awaitingContact", page.awaitingContact());
            return out;
        }), 200);
    }

    /** The customer erases their conversation and everything kept about it (PIPA); needs the conversation's token. */
    private void erase(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String token = bearer(ctx);
        Handlers.respond(ctx, handlers.blocking(ctx, () -> {
            chat.authorize(id, token);
            personalData.erase(id, "customer");
            return Map.of("deleted", true);
        }), 200);
    }

    private void events(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        String lastEventId = ctx.request().getHeader("Last-Event-ID");
        long after = afterParam(lastEventId != null ? lastEventId : ctx.request().getParam("after"), "Last-Event-ID");
        String token = bearer(ctx);
        String client = clientAddress.of(ctx.request());
        handlers.blocking(ctx, () -> chat.authorize(id, token)).onComplete(ar -> {
            if (ar.failed()) {
                ErrorMapper.fail(ctx, ar.cause());
                return;
            }
            Runnable release;
            try {
                release = streams.open(client, id);
            } catch (ApiError tooMany) {
                tooMany.send(ctx);
                return;
            }
            if (ctx.response().closed()) {
                release.run();
                return;
            }
            new EventStream(ctx, id, after, release).start();
        });
    }

    /** One SSE connection: replays what the client missed, then forwards live messages without duplicates. */
    private final class EventStream {
        private final RoutingContext ctx;
        private final String id;
        private long lastSent;
        private boolean replaying = true;
        private final List<Message> pending = new ArrayList<>();
        private MessageConsumer<String> consumer;
        private kr.daejeon.battery.conversation.MessageFeed.Listening listening;
        private long pingTimer;
        private boolean closed;
        private final Runnable release;

        EventStream(RoutingContext ctx, String id, long after, Runnable release) {
            this.ctx = ctx;
            this.id = id;
            this.lastSent = after;
            this.release = release;
        }

        void start() {
            HttpServerResponse res = ctx.response();
            res.setChunked(true)
                    .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .putHeader("X-Accel-Buffering", "no");
            res.write("retry: 2000\n\n");
            // Subscribe before reading the store, so nothing stored in between is missed.
            consumer = vertx.eventBus().consumer(EventBusMessageFeed.address(id), msg -> {
                List<Message> batch = decode(msg.body());
                if (replaying) {
                    pending.addAll(batch);
                } else if (!batch.isEmpty() && batch.get(0).id() > lastSent + 1) {
                    // A gap: the live feed missed messages (its Redis subscription was down); the store has them.
                    pending.addAll(batch);
                    catchUp();
                } else {
                    batch.forEach(this::send);
                }
            });
            pingTimer = vertx.setPeriodic(settings.ssePing().toMillis(), t -> {
                if (!closed) {
                    res.write(": ping\n\n");
                    // Pub/sub is not durable: what was published while this node's subscription was down (Redis
                    // restarted) never arrives live. Each ping also reads the store past the last message sent, so
                    // a miss shows up within one ping interval, even when nothing follows it (the fault suite found it).
                    if (!replaying) {
                        catchUp();
                    }
                }
            });
            res.closeHandler(v -> close());
            res.exceptionHandler(e -> close());
            endOnShutdown(ctx, this::close);
            // The store is read once this process hears the conversation's new messages.
            LiveStart live = LiveStart.of(vertx, consumer, ready -> chat.listen(id, ready));
            listening = live.listening();
            live.ready().onComplete(v -> replayPage());
        }

        /** Replays the missed messages page by page, then switches to live delivery. */
        private void replayPage() {
            if (closed) {
                return;
            }
            handlers.blocking(ctx, () -> store.messagesAfter(id, lastSent, ChatService.MAX_PAGE)).onComplete(ar -> {
                if (ar.failed()) {
                    // The store is down: end the stream; the client reconnects with Last-Event-ID.
                    ctx.response().end();
                    close();
                    return;
                }
                ar.result().forEach(this::send);
                if (ar.result().size() == ChatService.MAX_PAGE) {
                    replayPage();
                    return;
                }
                replaying = false;
                pending.forEach(this::send);
                pending.clear();
            });
        }

        /** Reads the store past the last message sent (live messages wait meanwhile); a failed read ends the stream. */
        private void catchUp() {
            replaying = true;
            replayPage();
        }

        private void send(Message m) {
            if (closed || m.id() <= lastSent) {
                return;
            }
            lastSent = m.id();
            ctx.response().write("id: " + m.id() + "\nevent: message\ndata: " + JsonCodec.write(m) + "\n\n");
        }

        private void close() {
            if (!closed) {
                closed = true;
                release.run();
                vertx.cancelTimer(pingTimer);
                consumer.unregister();
                listening.close();
            }
        }
    }

    /**
     * When the server shuts down, ends an event stream with a reconnect hint: the client reconnects
     * (to another node) and resumes from its Last-Event-ID, so nothing is lost.
     */
    static void endOnShutdown(RoutingContext ctx, Runnable cleanup) {
        if (ctx.request().connection() == null) {
            return;
        }
        ctx.request().connection().shutdownHandler(v -> {
            if (!ctx.response().ended()) {
                ctx.response().end("retry: 500\nevent: reconnect\ndata: {}\n\n");
            }
            cleanup.run();
        });
    }

    private static List<Message> decode(String json) {
        try {
            return List.of(JsonCodec.MAPPER.readValue(json, Message[].class));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requireJson(RoutingContext ctx, boolean bodyOptional) {
        String type = ctx.request().getHeader("Content-Type");
        boolean noBody = ctx.body() == null || ctx.body().length() <= 0;
        // An empty body where none is needed is fine whatever its declared type (curl -d '' sends a form type).
        if (bodyOptional && noBody) {
            ctx.next();
            return;
        }
        if (!isJson(type)) {
            new ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).").send(ctx);
            return;
        }
        ctx.next();
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/json")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("charset=") && !p.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode optionalJsonObject(RoutingContext ctx) {
        Buffer raw = ctx.body() == null ? null : ctx.body().buffer();
        if (raw == null || raw.length() == 0) {
            return null;
        }
        JsonNode node;
        try {
            node = JsonCodec.MAPPER.readTree(raw.getBytes());
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "malformed_json", "The body is not valid JSON (UTF-8).");
        } catch (IOException e) {
            throw new ApiError(400, "malformed_json", "The body could not be read as JSON.");
        }
        if (node == null || !node.isObject()) {
            throw new ApiError(400, "invalid_body", "The body must be a JSON object.");
        }
        return node;
    }

    private static long afterParam(String raw, String name) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            long v = Long.parseLong(raw.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ApiError(400, "invalid_parameter", "'" + name + "' must be a message id (a whole number ≥ 0).");
        }
    }

    static String bearer(RoutingContext ctx) {
        return bearer(ctx.request());
    }

    static String bearer(io.vertx.core.http.HttpServerRequest request) {
        String h = request.getHeader("Authorization");
        if (h == null || h.length() < 8 || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return h.substring(7).trim();
    }

}
