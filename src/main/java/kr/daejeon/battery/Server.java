package kr.daejeon.battery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import kr.daejeon.battery.api.ApiError;
import kr.daejeon.battery.api.ChatApi;
import kr.daejeon.battery.api.ClientAddress;
import kr.daejeon.battery.api.ConnectionGuard;
import kr.daejeon.battery.api.Correlation;
import kr.daejeon.battery.api.MetricsApi;
import kr.daejeon.battery.api.FeedbackApi;
import kr.daejeon.battery.api.TrainingApi;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.privacy.PersonalData;
import kr.daejeon.battery.channel.OutboundHttp;
import kr.daejeon.battery.api.AccountsApi;
import kr.daejeon.battery.api.ContentApi;
import kr.daejeon.battery.content.ContentStore;
import kr.daejeon.battery.content.LiveContent;
import kr.daejeon.battery.content.VersionedContent;
import kr.daejeon.battery.learning.ContentWatcher;
import kr.daejeon.battery.learning.LearningDesk;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.nlu.LiveClassifier;
import kr.daejeon.battery.learning.UnansweredRecorder;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.reports.DailyCounters;
import kr.daejeon.battery.reports.StaffReports;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import kr.daejeon.battery.api.StaffApi;
import kr.daejeon.battery.channel.ChannelDelivery;
import kr.daejeon.battery.channel.ChannelDirectory;
import kr.daejeon.battery.channel.ChannelRouter;
import kr.daejeon.battery.channel.ChannelInbox;
import kr.daejeon.battery.channel.kakao.KakaoCallbackHosts;
import kr.daejeon.battery.channel.kakao.KakaoChannel;
import kr.daejeon.battery.channel.line.LineChannel;
import kr.daejeon.battery.channel.telegram.TelegramChannel;
import java.util.HashMap;
import java.util.Map;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.staff.StaffAccounts;
import kr.daejeon.battery.staff.StaffDesk;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.config.ConfigException;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.TurnEvent;
import kr.daejeon.battery.conversation.TurnEvents;
import kr.daejeon.battery.conversation.ConversationEngine;
import kr.daejeon.battery.escalation.FollowUpMailer;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.infra.Backend;
import kr.daejeon.battery.escalation.TicketWebhook;
import kr.daejeon.battery.session.SessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires content, classifier, store and HTTP together; one instance is one server process. */
public final class Server {

    private static final Logger LOG = LoggerFactory.getLogger(Server.class);
    static final String SITE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private final Vertx vertx;
    private final HttpServer http;
    private final List<AutoCloseable> resources;
    private final java.time.Duration shutdownGrace;

    private final List<String> routes;

    private Server(Vertx vertx, HttpServer http, List<AutoCloseable> resources, java.time.Duration shutdownGrace,
                   List<String> routes) {
        this.routes = routes;
        this.vertx = vertx;
        this.http = http;
        this.resources = resources;
        this.shutdownGrace = shutdownGrace;
    }

    /** Loads content, trains the classifier, connects the store and listens. Blocks during training. */
    public static Future<Server> start(AppConfig config, Clock clock) {
        long t0 = System.nanoTime();
        ServiceMetrics metrics = new ServiceMetrics();
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setWorkerPoolSize(config.workerPoolSize()).setMetricsOptions(vertxMetrics())
                        .setMaxEventLoopExecuteTime(config.eventLoopWarn().toMillis())
                        .setMaxEventLoopExecuteTimeUnit(java.util.concurrent.TimeUnit.MILLISECONDS)
                        .setBlockedThreadCheckInterval(Math.min(1000, Math.max(5, config.eventLoopWarn().toMillis() / 4)))
                        .setBlockedThreadCheckIntervalUnit(java.util.concurrent.TimeUnit.MILLISECONDS))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
        Backend backend = Backend.of(config, vertx, clock, metrics);
        SessionStore store = backend.conversations();
        TicketStore tickets = backend.tickets();
        // The content set (intents, answers, rules, sessions) and its model: versioned, shared by every node.
        VersionedContent versions;
        try {
            versions = VersionedContent.open(backend.contentStore(), config.classifierSettings(), config.timeZone(),
                    config.intentsDir(), config.faqDir(), config.modelFile());
        } catch (IllegalArgumentException e) {
            closeAll(List.of(backend));
            vertx.close();
            throw new ConfigException(List.of(e.getMessage()));
        }
        versions.follow(java.time.Duration.ofSeconds(3));
        LiveClassifier live = versions.classifier();
        LiveContent content = versions.content();
        LOG.info("content version {} ready: {} intents, {} FAQ entries in {} ms", versions.version(), live.current().intents().size(),
                content.get().faq().entries().size(), (System.nanoTime() - t0) / 1_000_000);
        config.holidayCalendar().coverageWarning(java.time.LocalDate.now(clock.withZone(config.timeZone())))
                .ifPresent(LOG::warn);
        ConversationEngine engine = new ConversationEngine(live, content, config.clarifyThreshold(), config.missesBeforeHandoff(),
                config.businessHours(), config.expectedMinutesPerTicket());
        MessageFeed feed = backend.feed();
        // The content follower stops before the backend closes the connections it reads from.
        List<AutoCloseable> resources = new ArrayList<>(List.of(versions, backend));
        // Work that must outlive this node (messenger deliveries, ticket webhooks): handlers register below, then it starts.
        kr.daejeon.battery.outbox.Outbox outbox = backend.outbox();
        metrics.gauge("outbox_backlog", "Deliveries and webhooks recorded and not yet finished", List.of(), outbox::backlog);
        TicketWebhook webhook = config.ticketWebhookUrl() == null ? null
                : new TicketWebhook(config.ticketWebhookUrl(), config.publicBaseUrl() == null ? null : config.publicBaseUrl() + "/staff/",
                        outbox);
        UnansweredLog unanswered = backend.unanswered();
        ChatService chat = new ChatService(store, tickets, engine, feed, clock,
                turnEvents(metrics, feed, webhook, new UnansweredRecorder(unanswered, config.lowConfidence())));
        metrics.gauge("chat_handoff_queue_waiting", "Tickets waiting for a staff member", List.of(),
                () -> waitingTickets(tickets));
        // Staff accounts: in Redis when configured; the file only fills an empty store.
        StaffAccounts accounts = new StaffAccounts(backend.accountStore(), clock);
        if (config.staffAccountsFile() != null) {
            int seeded = accounts.bootstrap(config.staffAccountsFile());
            if (seeded > 0) {
                LOG.info("{} staff accounts stored from {}", seeded, config.staffAccountsFile());
            } else if (backend.shared()) {
                LOG.info("staff accounts already in Redis; {} is only read when there are none", config.staffAccountsFile());
            }
        }
        if (accounts.isEmpty()) {
            LOG.warn("no staff accounts (set STAFF_ACCOUNTS_FILE): nobody can log in to the staff API");
        }
        // Answer ratings: in Redis when the conversations are, else in this process.
        kr.daejeon.battery.feedback.RatingStore ratings = backend.ratings();
        kr.daejeon.battery.feedback.AnswerFeedback feedback =
                new kr.daejeon.battery.feedback.AnswerFeedback(chat, store, ratings, metrics, clock);
        kr.daejeon.battery.escalation.TicketSatisfaction satisfaction =
                new kr.daejeon.battery.escalation.TicketSatisfaction(chat, store, tickets, feed, metrics, clock);
        ChannelDirectory directory = backend.channelDirectory();
        DeadLetterLog deadLetters = backend.deadLetters();
        PersonalData personalData = new PersonalData(store, tickets, unanswered, deadLetters, config.retention(), clock);
        // Retention: at start and hourly, on a worker (it reads the stores).
        vertx.executeBlocking(personalData::sweep, false);
        vertx.setPeriodic(3_600_000, t -> vertx.executeBlocking(personalData::sweep, false));
        Map<String, ChannelDelivery> channels = new HashMap<>();
        // The messengers' shared inbound pipeline: users linked to their conversation for the retention period.
        ChannelInbox inbox = new ChannelInbox(vertx, chat, directory, config.retention(), config.maxMessageChars());
        TelegramChannel telegram = null;
        if (config.telegramEnabled()) {
            telegram = new TelegramChannel(inbox, new OutboundHttp(TelegramChannel.CHANNEL, metrics, deadLetters),
                    config.telegramBotToken(), config.telegramSecretToken(), config.telegramApiBase(), feedback);
            telegram.rateTicketsWith(satisfaction);
            channels.put(TelegramChannel.CHANNEL, telegram);
        }
        KakaoChannel kakao = null;
        if (config.kakaoEnabled()) {
            kakao = new KakaoChannel(vertx, inbox, directory, new OutboundHttp(KakaoChannel.CHANNEL, metrics, deadLetters), content,
                    config.kakaoSecretHeader(), config.kakaoSkillSecret(), config.kakaoBotIds(), feedback,
                    new KakaoCallbackHosts(config.kakaoCallbackHosts()), config.kakaoAnswerBudget());
            kakao.rateTicketsWith(satisfaction);
            channels.put(KakaoChannel.CHANNEL, kakao);
        }
        LineChannel line = null;
        if (config.lineEnabled()) {
            line = new LineChannel(inbox, new OutboundHttp(LineChannel.CHANNEL, metrics, deadLetters),
                    config.lineChannelSecret(), config.lineAccessToken(), config.lineApiBase(), feedback);
            line.rateTicketsWith(satisfaction);
            channels.put(LineChannel.CHANNEL, line);
        }
        ClientAddress clientAddress = new ClientAddress(config.trustedProxies());
        DailyCounters daily = backend.dailyCounters();
        metrics.addListener(daily);
        if (backend.shared()) {
            vertx.setPeriodic(5_000, t -> vertx.executeBlocking(() -> {
                daily.flush();
                return null;
            }, false));
        }
        resources.add(0, daily); // flushed on shutdown, before the Redis connection closes
        FollowUpMailer mailer = config.mail() == null ? null
                : new FollowUpMailer(vertx, config.mail(), tickets, deadLetters, metrics, clock);
        if (mailer != null) {
            resources.add(0, mailer);
            LOG.info("follow-up e-mail on: {}", config.mail());
        }
        kr.daejeon.battery.staff.StaffAudit audit = backend.staffAudit(config.staffAuditRetention(), clock);
        StaffApi staffApi = new StaffApi(vertx, accounts, backend.staffSessions(),
                new StaffDesk(store, tickets, content, accounts, feed,
                        new kr.daejeon.battery.channel.DurableDelivery(outbox, store, new ChannelRouter(channels)),
                        clock, metrics, mailer, config.businessHours()), clock, config.maxMessageChars(),
                backend.limiter("login", config.staffLoginRateLimitPerMinute()),
                clientAddress, deadLetters, unanswered, personalData,
                new LearningDesk(backend.proposals(), versions, clock), config.timeZone(),
                new StaffReports(daily, tickets, unanswered, config.timeZone()),
                backend.loginLockout(config.staffLoginLockout(), clock), audit);
        outbox.start(); // every handler is registered now
        staffApi.with(new ContentApi(vertx, versions)::mount).with(new AccountsApi(vertx, accounts)::mount);
        vertx.setPeriodic(3_600_000, t -> vertx.executeBlocking(audit::sweep, false));
        if (config.contentWatchSeconds() > 0) {
            new ContentWatcher(versions, config.intentsDir(), config.faqDir()).start(vertx, config.contentWatchSeconds());
        }

        Router router = Router.router(vertx);
        ConnectionGuard guard = new ConnectionGuard(vertx, config.requestReadTimeout(), config.maxConnectionsPerClient(),
                config.trustedProxies());
        router.route().handler(guard::request);
        router.route().handler(Correlation::assign);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("X-Frame-Options", "DENY");
            if (ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"))) {
                // Only meaningful over TLS (browsers ignore it on plain HTTP), so only sent there.
                ctx.response().putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
            }
            ctx.next();
        });
        // No endpoint takes forms: refuse form bodies before any body handler tries to decode them.
        // (A route without method or path, so that it cannot turn a 404 into a 405.)
        router.route().handler(ctx -> {
            if (ctx.request().method() == io.vertx.core.http.HttpMethod.POST && isFormBody(ctx.request())) {
                new ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).").send(ctx);
                return;
            }
            ctx.next();
        });
        new ChatApi(vertx, chat, store, ChatApi.Settings.of(config, backend.name()),
                backend.limiter("ip", config.rateLimitPerMinute()),
                backend.limiter("conversation", config.conversationRateLimitPerMinute()),
                personalData, backend.readiness()).mount(router);
        new MetricsApi(vertx, metrics, config.metricsToken()).mount(router);
        new TrainingApi(content, clock).mount(router);
        new kr.daejeon.battery.api.PrivacyNoticeApi(new kr.daejeon.battery.privacy.PrivacyNotice(
                (int) config.retention().toDays())).mount(router);
        new kr.daejeon.battery.api.OpenApiDocs().mount(router);
        staffApi.pingEvery(config.ssePing());
        staffApi.mount(router);
        new FeedbackApi(vertx, feedback, config.maxBodyBytes()).mount(router);
        new kr.daejeon.battery.api.SatisfactionApi(vertx, satisfaction, config.maxBodyBytes()).mount(router);
        if (telegram != null) {
            telegram.mount(router);
        }
        if (line != null) {
            line.mount(router);
        }
        if (kakao != null) {
            kakao.mount(router);
        }
        // The demo information page, the widget and its JavaScript API example: static files, strict CSP, no build step.
        // favicon.ico too: browsers ask for it on every page (the staff console's included), a 404 is noise in their logs.
        router.getWithRegex("/(index\\.html|widget\\.js|widget\\.css|demo\\.css|widget-example\\.html|widget-example\\.js|widget-example-stub\\.js|favicon\\.ico)?").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", SITE_CSP);
            if (ctx.request().path().equals("/widget.css")) {
                // Host pages on other origins load the widget's stylesheet with fetch().
                ctx.response().putHeader("Access-Control-Allow-Origin", "*");
            }
            ctx.next();
        }).handler(StaticHandler.create("webroot/site").setCachingEnabled(false));
        router.route().failureHandler(ctx -> {
            if (!ctx.request().isEnded()) {
                // A request refused before its body was read (e.g. too large while paused): let the
                // rest of the body drain, or the client, still sending, never reads the answer.
                ctx.request().resume();
            }
            Throwable failure = ctx.failure();
            if (failure == null) {
                int code = ctx.statusCode();
                failure = switch (code) {
                    case 413 -> new ApiError(413, "body_too_large", "The body is larger than " + config.maxBodyBytes() + " bytes.");
                    case 400 -> new ApiError(400, "bad_request", "The request could not be read.");
                    default -> new ApiError(code < 400 ? 500 : code, "error", "Request failed.");
                };
            }
            kr.daejeon.battery.api.ErrorMapper.fail(ctx, failure);
        });
        router.errorHandler(404, ctx -> new ApiError(404, "not_found", "No such endpoint.").send(ctx));
        router.errorHandler(405, ctx -> new ApiError(405, "method_not_allowed", "Method not allowed here.").send(ctx));

        List<String> routes = routeTable(router);
        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setCompressionSupported(true)
                // No h2c upgrade sniffing: with it a connection is only handed over once its first bytes arrive, so a
                // client that connects and sends nothing escaped the read deadline and the per-client cap.
                .setHttp2ClearTextEnabled(false)
                // Closed when nothing is read or written this long; live streams ping more often than that.
                .setIdleTimeout((int) config.httpIdleTimeout().toSeconds()).setIdleTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS);
        return vertx.createHttpServer(options).connectionHandler(guard::opened)
                .invalidRequestHandler(kr.daejeon.battery.api.ProtocolErrors::invalidRequest)
                .requestHandler(kr.daejeon.battery.api.ProtocolErrors.guard(router)).listen()
                .map(http -> {
                    LOG.info("listening on http://{}:{} (store: {})", config.host(), http.actualPort(),
                            backend.description());
                    return new Server(vertx, http, resources, config.shutdownGrace(), routes);
                })
                .recover(err -> {
                    closeAll(resources);
                    return vertx.close().transform(v -> Future.failedFuture(err));
                });
    }

    public int port() {
        return http.actualPort();
    }

    /**
     * Every endpoint as {@code "GET /api/v1/conversations/{id}/messages"} (OpenAPI's spelling), for the
     * contract test. Catch-all routes (CORS, rate limits, static files) are not endpoints and are left out.
     */
    public List<String> routes() {
        return routes;
    }

    private static List<String> routeTable(Router router) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (io.vertx.ext.web.Route r : router.getRoutes()) {
            // A route's name is the path it was declared with ("/api/v1/conversations/:id/messages"),
            // or its regular expression; catch-alls ("/staff/*", named "/staff/") and regexes are not endpoints.
            String path = r.getName();
            if (path == null || !path.startsWith("/") || r.methods() == null || r.methods().isEmpty() || path.endsWith("/")
                    || path.contains("(") || path.contains("\\")) {
                continue;
            }
            String spelled = path.replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            for (io.vertx.core.http.HttpMethod m : r.methods()) {
                out.add(m.name() + " " + spelled);
            }
        }
        return List.copyOf(out);
    }

    /**
     * Stops gracefully: stops accepting connections, lets requests in flight (turns, webhooks) finish
     * within the grace period, ends live event streams with a reconnect hint (clients resume from
     * their last event id on another node), then closes the stores.
     */
    public java.util.concurrent.CompletableFuture<Void> close() {
        // Chained outside Vert.x: a continuation scheduled on a closed event loop would never run.
        return http.shutdown(shutdownGrace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .toCompletionStage().toCompletableFuture()
                .handle((v, e) -> null)
                .thenComposeAsync(x -> vertx.close().toCompletionStage().toCompletableFuture())
                .whenComplete((v, e) -> closeAll(resources));
    }

    /** Vert.x's own meters (HTTP server, worker pool queue, JVM) with bounded labels: no paths, no event-bus addresses. */
    private static MicrometerMetricsOptions vertxMetrics() {
        return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
                .setLabels(java.util.EnumSet.of(Label.HTTP_ROUTE, Label.HTTP_METHOD, Label.HTTP_CODE, Label.POOL_TYPE,
                        Label.POOL_NAME))
                .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS);
    }

    private static Number waitingTickets(TicketStore tickets) {
        try {
            // One ZCARD per scrape; reading the open tickets here cost up to 10,000 round trips.
            return tickets.waitingCount();
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", r, e.getMessage());
            }
        }
    }

    static void startAndWait(AppConfig config) throws InterruptedException {
        kr.daejeon.battery.logging.LogFormat.apply(config.logFormat());
        Server server;
        try {
            server = start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture().join();
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.error("could not start: {}", cause.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            server.close().join();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** A multipart body, or a non-empty form body ({@code curl -d ''} sends an empty one, which is harmless). */
    private static boolean isFormBody(io.vertx.core.http.HttpServerRequest request) {
        String type = request.getHeader("Content-Type");
        String t = type == null ? "" : type.toLowerCase(java.util.Locale.ROOT);
        String length = request.getHeader("Content-Length");
        boolean hasBody = request.getHeader("Transfer-Encoding") != null || (length != null && !length.trim().equals("0"));
        return t.startsWith("multipart/") || (t.startsWith("application/x-www-form-urlencoded") && hasBody);
    }

    static String redactedUrl(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }

    /**
     * The side effects of a turn, registered once and delivered in this order: the staff feed hears of a new ticket
     * before the webhook fires; the unanswered log and the metrics hear of a stored turn after its ticket and
     * messages were announced. {@code webhook} may be null (none configured).
     */
    private static TurnEvents turnEvents(ServiceMetrics metrics, MessageFeed feed, TicketWebhook webhook,
                                         UnansweredRecorder unansweredRecorder) {
        return new TurnEvents()
                .on(TurnEvent.ConversationStarted.class, e -> metrics.conversationStarted(e.channel()))
                .on(TurnEvent.TicketChanged.class, e -> feed.ticketChanged(e.ticket()))
                .on(TurnEvent.TicketChanged.class, e -> {
                    if (webhook != null && e.opened()) {
                        webhook.ticketOpened(e.ticket());
                    }
                })
                .on(TurnEvent.TurnCommitted.class, e -> unansweredRecorder.record(e.text(), e.turn().language(),
                        e.turn().intent(), e.turn().confidence(), e.turn().ranking(), e.conversationId(), e.turn().channel(),
                        e.turn().userMessage().createdAt()))
                .on(TurnEvent.TurnCommitted.class, e -> metrics.turn(e.turn().channel(), e.turn().language(),
                        e.turn().intent(), e.turn().ticketOpened(), e.took()))
                .on(TurnEvent.RateLimited.class, e -> metrics.rateLimited(e.scope()));
    }
}
