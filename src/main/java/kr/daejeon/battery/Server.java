package kr.daejeon.battery;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import kr.daejeon.battery.api.ApiError;
import kr.daejeon.battery.api.ChatApi;
import kr.daejeon.battery.api.EventBusMessageFeed;
import kr.daejeon.battery.api.RedisMessageFeed;
import kr.daejeon.battery.api.StaffApi;
import kr.daejeon.battery.channel.ChannelDelivery;
import kr.daejeon.battery.channel.ChannelDirectory;
import kr.daejeon.battery.channel.ChannelRouter;
import kr.daejeon.battery.channel.kakao.KakaoChannel;
import kr.daejeon.battery.channel.line.LineChannel;
import kr.daejeon.battery.channel.telegram.TelegramChannel;
import java.util.HashMap;
import java.util.Map;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.staff.StaffAccounts;
import kr.daejeon.battery.staff.StaffDesk;
import kr.daejeon.battery.staff.StaffSessionStore;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.config.ConfigException;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.ConversationEngine;
import kr.daejeon.battery.faq.AnswerRenderer;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.escalation.InMemoryTicketStore;
import kr.daejeon.battery.escalation.RedisTicketStore;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.escalation.TicketWebhook;
import kr.daejeon.battery.session.InMemorySessionStore;
import kr.daejeon.battery.session.RedisClient;
import kr.daejeon.battery.session.RedisSessionStore;
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

    private Server(Vertx vertx, HttpServer http, List<AutoCloseable> resources) {
        this.vertx = vertx;
        this.http = http;
        this.resources = resources;
    }

    /** Loads content, trains the classifier, connects the store and listens. Blocks during training. */
    public static Future<Server> start(AppConfig config, Clock clock) {
        long t0 = System.nanoTime();
        FaqCatalog faq = FaqCatalog.load(config.faqDir());
        IntentClassifier classifier = loadClassifier(config);
        checkContentCoverage(classifier, faq);
        LOG.info("content ready: {} intents, {} FAQ entries in {} ms", classifier.intents().size(), faq.entries().size(),
                (System.nanoTime() - t0) / 1_000_000);

        Vertx vertx = Vertx.vertx(new VertxOptions().setWorkerPoolSize(config.workerPoolSize()));
        SessionStore store;
        TicketStore tickets;
        AutoCloseable connection;
        RedisClient sharedRedis = null;
        if (config.redisUrl() == null) {
            InMemorySessionStore memory = new InMemorySessionStore(config.sessionTtl(), config.memoryMaxConversations(), clock);
            vertx.setPeriodic(60_000, t -> vertx.executeBlocking(memory::evictExpired, false));
            store = memory;
            tickets = new InMemoryTicketStore();
            connection = () -> { };
        } else {
            RedisClient redis = new RedisClient(config.redisUrl(), config.redisKeyPrefix(), config.redisPoolSize(),
                    config.redisTimeout());
            store = new RedisSessionStore(redis, config.sessionTtl());
            tickets = new RedisTicketStore(redis);
            connection = redis;
            sharedRedis = redis;
            if (!redis.ping()) {
                LOG.warn("Redis at {} does not answer yet; /ready reports not ready until it does", redactedUrl(config.redisUrl()));
            }
        }
        ConversationEngine engine = new ConversationEngine(classifier, faq, new AnswerRenderer(config.timeZone()),
                config.clarifyThreshold(), config.missesBeforeHandoff(), config.businessHours(),
                config.expectedMinutesPerTicket());
        EventBusMessageFeed localFeed = new EventBusMessageFeed(vertx.eventBus());
        MessageFeed feed = localFeed;
        List<AutoCloseable> resources = new ArrayList<>(List.of(store, tickets));
        if (sharedRedis != null) {
            RedisMessageFeed redisFeed = new RedisMessageFeed(sharedRedis, config.redisUrl(), config.redisTimeout(), localFeed);
            awaitSubscription(redisFeed);
            feed = redisFeed;
            resources.add(redisFeed);
        }
        resources.add(connection);
        TicketWebhook webhook = config.ticketWebhookUrl() == null ? null
                : new TicketWebhook(config.ticketWebhookUrl(), config.publicBaseUrl() == null ? null : config.publicBaseUrl() + "/staff/");
        ChatService chat = new ChatService(store, tickets, engine, feed, clock, webhook);
        StaffAccounts accounts = config.staffAccountsFile() == null ? StaffAccounts.none()
                : StaffAccounts.load(config.staffAccountsFile());
        if (accounts.isEmpty()) {
            LOG.warn("no staff accounts (set STAFF_ACCOUNTS_FILE): nobody can log in to the staff API");
        }
        ChannelDirectory directory = new ChannelDirectory(sharedRedis);
        Map<String, ChannelDelivery> channels = new HashMap<>();
        TelegramChannel telegram = null;
        if (config.telegramEnabled()) {
            telegram = new TelegramChannel(vertx, chat, directory, config.telegramBotToken(), config.telegramSecretToken(),
                    config.telegramApiBase());
            channels.put(TelegramChannel.CHANNEL, telegram);
        }
        KakaoChannel kakao = null;
        if (config.kakaoEnabled()) {
            kakao = new KakaoChannel(vertx, chat, directory, faq, config.kakaoSecretHeader(), config.kakaoSkillSecret(),
                    config.kakaoBotIds());
            channels.put(KakaoChannel.CHANNEL, kakao);
        }
        LineChannel line = null;
        if (config.lineEnabled()) {
            line = new LineChannel(vertx, chat, directory, config.lineChannelSecret(), config.lineAccessToken(),
                    config.lineApiBase());
            channels.put(LineChannel.CHANNEL, line);
        }
        StaffApi staffApi = new StaffApi(vertx, accounts, new StaffSessionStore(sharedRedis, config.staffSessionLifetime()),
                new StaffDesk(store, tickets, faq, new AnswerRenderer(config.timeZone()), accounts, feed,
                        new ChannelRouter(channels), clock), clock, config.maxMessageChars(),
                config.staffLoginRateLimitPerMinute());

        Router router = Router.router(vertx);
        router.route().handler(ctx -> {
            ctx.response().putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("X-Frame-Options", "DENY");
            ctx.next();
        });
        new ChatApi(vertx, chat, store, config).mount(router);
        staffApi.mount(router);
        if (telegram != null) {
            telegram.mount(router);
        }
        if (line != null) {
            line.mount(router);
        }
        if (kakao != null) {
            kakao.mount(router);
        }
        // The demo information page and the widget: static files, strict CSP, no build step.
        router.getWithRegex("/(index\\.html|widget\\.js|widget\\.css|demo\\.css)?").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", SITE_CSP);
            if (ctx.request().path().equals("/widget.css")) {
                // Host pages on other origins load the widget's stylesheet with fetch().
                ctx.response().putHeader("Access-Control-Allow-Origin", "*");
            }
            ctx.next();
        }).handler(StaticHandler.create("webroot/site").setCachingEnabled(false));
        router.route().failureHandler(ctx -> {
            Throwable failure = ctx.failure();
            if (failure == null) {
                int code = ctx.statusCode();
                failure = switch (code) {
                    case 413 -> new ApiError(413, "body_too_large", "The body is larger than " + config.maxBodyBytes() + " bytes.");
                    case 400 -> new ApiError(400, "bad_request", "The request could not be read.");
                    default -> new ApiError(code < 400 ? 500 : code, "error", "Request failed.");
                };
            }
            ChatApi.fail(ctx, failure);
        });
        router.errorHandler(404, ctx -> new ApiError(404, "not_found", "No such endpoint.").send(ctx));
        router.errorHandler(405, ctx -> new ApiError(405, "method_not_allowed", "Method not allowed here.").send(ctx));

        HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(config.port())
                .setCompressionSupported(true).setIdleTimeout(0);
        return vertx.createHttpServer(options).requestHandler(router).listen()
                .map(http -> {
                    LOG.info("listening on http://{}:{} (store: {})", config.host(), http.actualPort(),
                            config.redisUrl() == null ? "memory" : "redis");
                    return new Server(vertx, http, resources);
                })
                .recover(err -> {
                    closeAll(resources);
                    return vertx.close().transform(v -> Future.failedFuture(err));
                });
    }

    public int port() {
        return http.actualPort();
    }

    /** Stops listening, closes open connections and the stores. */
    public java.util.concurrent.CompletableFuture<Void> close() {
        return vertx.close().toCompletionStage().toCompletableFuture().whenComplete((v, e) -> closeAll(resources));
    }

    /** Waits briefly for the live feed, so messages sent right after start-up are not missed. */
    private static void awaitSubscription(RedisMessageFeed feed) {
        long deadline = System.currentTimeMillis() + 3000;
        while (!feed.isSubscribed() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!feed.isSubscribed()) {
            LOG.warn("live feed not subscribed to Redis yet; it keeps retrying");
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

    private static IntentClassifier loadClassifier(AppConfig config) {
        long t0 = System.nanoTime();
        try {
            if (config.modelFile() != null) {
                IntentClassifier c = IntentClassifier.load(config.modelFile(), config.classifierSettings().threshold());
                LOG.info("intent model loaded from {}", config.modelFile());
                return c;
            }
        } catch (IOException e) {
            throw new ConfigException(List.of("MODEL_FILE could not be loaded: " + e.getMessage()));
        }
        IntentClassifier c = IntentClassifier.train(IntentCorpus.load(config.intentsDir()).utterances(),
                config.classifierSettings());
        LOG.info("intent model trained from {} in {} ms", config.intentsDir(), (System.nanoTime() - t0) / 1_000_000);
        return c;
    }

    /** Every intent the classifier can return must have an answer (except fallback and handoff). */
    private static void checkContentCoverage(IntentClassifier classifier, FaqCatalog faq) {
        List<String> missing = new ArrayList<>();
        for (String intent : classifier.intents()) {
            if (!intent.equals(IntentClassifier.FALLBACK) && !intent.equals(FaqCatalog.HANDOFF_INTENT)
                    && faq.entry(intent).isEmpty()) {
                missing.add("intent '" + intent + "' has training utterances but no FAQ entry");
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(missing);
        }
    }

    static String redactedUrl(String url) {
        return url.replaceAll("//[^@/]*@", "//***@");
    }
}
