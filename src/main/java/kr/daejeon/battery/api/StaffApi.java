package kr.daejeon.battery.api;

import kr.daejeon.battery.infra.memory.EventBusMessageFeed;
import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.learning.LearningDesk;
import kr.daejeon.battery.learning.QuestionGroups;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.learning.UnansweredQuestion;
import kr.daejeon.battery.ratelimit.RateLimiter;
import kr.daejeon.battery.reports.ReportCsv;
import kr.daejeon.battery.reports.StaffReports;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.staff.HistoryQuery;
import kr.daejeon.battery.staff.StaffAccounts;
import kr.daejeon.battery.staff.StaffAudit;
import kr.daejeon.battery.staff.StaffDesk;
import kr.daejeon.battery.staff.StaffSession;
import kr.daejeon.battery.staff.StaffSessionStore;

/**
 * The staff API ({@code /staff/api}). Authentication is an HttpOnly, SameSite=Strict session cookie
 * (never a customer bearer token), and every state-changing call also needs the session's
 * {@code X-CSRF-Token}. Logins are rate limited per client address.
 */
public final class StaffApi {

    static final String COOKIE = "staff_session";
    private static final String SESSION_KEY = "staffSession";

    private final Vertx vertx;
    private final Handlers handlers;
    private final StaffAccounts accounts;
    private final StaffSessionStore sessions;
    private final StaffDesk desk;
    private final Clock clock;
    private final RateLimiter logins;
    private final int maxMessageChars;

    private final ClientAddress clientAddress;
    private final DeadLetterLog deadLetters;
    private final UnansweredLog unanswered;
    private final LearningDesk learning;
    private final java.time.ZoneId zone;
    private final StaffReports reports;
    private final kr.daejeon.battery.privacy.PersonalData personalData;
    private final io.vertx.core.WorkerExecutor hashing;

    public StaffApi(Vertx vertx, StaffAccounts accounts, StaffSessionStore sessions, StaffDesk desk, Clock clock,
                    int maxMessageChars, RateLimiter logins, ClientAddress clientAddress, DeadLetterLog deadLetters,
                    UnansweredLog unanswered, kr.daejeon.battery.privacy.PersonalData personalData, LearningDesk learning,
                    java.time.ZoneId zone, StaffReports reports, kr.daejeon.battery.staff.LoginLockout lockout,
                    StaffAudit audit) {
        this.zone = zone;
        this.reports = reports;
        this.personalData = personalData;
        this.unanswered = unanswered;
        this.learning = learning;
        this.deadLetters = deadLetters;
        this.logins = logins;
        this.clientAddress = clientAddress;
        this.vertx = vertx;
        this.handlers = new Handlers(vertx);
        this.accounts = accounts;
        this.sessions = sessions;
        this.desk = desk;
        this.clock = clock;
        this.maxMessageChars = maxMessageChars;
        this.hashing = vertx.createSharedWorkerExecutor("staff-password-hashing", 2);
        this.lockout = lockout;
        this.audit = audit;
    }

    private long pingMs = 15_000;
    /** The per-account login back-off, shared by every node when it is in Redis (issue 20 #7). */
    private final kr.daejeon.battery.staff.LoginLockout lockout;
    /** Where staff access to personal data is recorded (views, exports, erasures). */
    private final StaffAudit audit;

    /** How often the console's live stream pings (below the server's idle timeout). */
    public StaffApi pingEvery(java.time.Duration every) {
        this.pingMs = every.toMillis();
        return this;
    }

    private final List<java.util.function.Consumer<Router>> extensions = new java.util.ArrayList<>();

    /**
     * More staff endpoints (their own classes), mounted behind login and CSRF check and before the
     * console's static files; read the session with {@link #sessionOf}. Call before {@link #mount}.
     */
    public StaffApi with(java.util.function.Consumer<Router> routes) {
        extensions.add(routes);
        return this;
    }

    /** The logged-in staff member of a request that passed {@code /staff/api/*} authentication. */
    public static StaffSession sessionOf(RoutingContext ctx) {
        return ctx.get(SESSION_KEY);
    }

    /** A number in an optional JSON body (an empty body is fine); null when absent. */
    static Long optionalLong(RoutingContext ctx, String field) {
        if (ctx.body() == null || ctx.body().buffer() == null || ctx.body().buffer().toString().isBlank()) {
            return null;
        }
        JsonNode n = jsonBody(ctx).path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.canConvertToLong()) {
            throw new ApiError(400, "invalid_body", "'" + field + "' must be a number.");
        }
        return n.asLong();
    }

    /** The console's strict CSP: only its own script and style, never framed. */
    static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public void mount(Router router) {
        router.route("/staff*").handler(ctx -> {
            ctx.response().putHeader("Content-Security-Policy", CONSOLE_CSP).putHeader("Cache-Control", "no-store");
            ctx.next();
        });
        router.get("/staff").handler(ctx -> {
            if (ctx.request().path().equals("/staff")) {
                ctx.redirect("/staff/");
            } else {
                ctx.next();
            }
        });
        // The body is read first: authentication is asynchronous, and a body not read by then is lost.
        router.post("/staff/api/*").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
        router.post("/staff/api/login").handler(this::login);
        router.route("/staff/api/*").handler(this::authenticate);
        router.post("/staff/api/logout").handler(this::logout);
        router.get("/staff/api/me").handler(ctx -> Handlers.json(ctx, 200, me(session(ctx))));
        router.get("/staff/api/events").handler(this::events);
        router.get("/staff/api/staff").handler(ctx -> Handlers.respond(ctx, handlers.blocking(ctx, () -> Map.of("staff", accounts.directory()))));
        // Paged: ?limit=1..200 (default 200) and ?after=<next of the previous page>; "next" is null on the last page.
        router.get("/staff/api/tickets").handler(ctx -> {
            String after = ctx.request().getParam("after");
            int limit = pageLimit(ctx.request().getParam("limit"));
            Handlers.respond(ctx, handlers.blocking(ctx, () -> {
                StaffDesk.QueuePage page = desk.queue(after == null || after.isBlank() ? null : after, limit);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("tickets", page.tickets());
                out.put("next", page.next());
                out.put("total", page.total());
                return out;
            }));
        });
        router.get("/staff/api/history").handler(ctx -> {
            HistoryQuery q = HistoryQuery.parse(ctx.request()::getParam, zone, clock.instant());
            StaffSession s = session(ctx);
            String asked = kr.daejeon.battery.logging.PiiMasker.mask(String.valueOf(ctx.request().query()));
            Handlers.respond(ctx, handlers.blocking(ctx, () -> {
                var page = desk.history(q);
                audit.record(s, StaffAudit.Action.SEARCHED_HISTORY, asked);
                return page;
            }));
        });
        router.get("/staff/api/reports").handler(this::report);
        router.get("/staff/api/faq").handler(ctx -> Handlers.respond(ctx, handlers.blocking(ctx, () -> Map.of("entries", desk.faqAnswers()))));
        router.post("/staff/api/faq/preview").handler(ctx -> {
            JsonNode body = jsonBody(ctx);
            String text = requiredText(ctx, "text");
            Handlers.respond(ctx, handlers.blocking(ctx, () -> Map.of("rendered", desk.previewAnswer(body.path("intent").asText(""),
                    body.path("language").asText(""), text))));
        });
        router.get("/staff/api/conversations/:id").handler(ctx -> Handlers.respond(ctx, handlers.blocking(ctx, () -> {
            try {
                var view = desk.conversation(ctx.pathParam("id"));
                audit.record(session(ctx), StaffAudit.Action.VIEWED_TRANSCRIPT, ctx.pathParam("id"));
                return view;
            } catch (StaffDesk.TicketNotFoundException e) {
                // A conversation id that never reached staff (or whose tickets are no longer kept).
                throw new ApiError(404, "conversation_not_found", "No conversation with staff tickets has this id.");
            }
        })));
        router.get("/staff/api/tickets/:id").handler(ctx -> Handlers.respond(ctx, handlers.blocking(ctx, () -> {
            var view = desk.ticket(ctx.pathParam("id"));
            audit.record(session(ctx), StaffAudit.Action.VIEWED_TICKET, ctx.pathParam("id"));
            return view;
        })));
        router.post("/staff/api/tickets/:id/claim").handler(ctx ->
                Handlers.respond(ctx, handlers.blocking(ctx, () -> desk.claim(ctx.pathParam("id"), session(ctx)))));
        router.post("/staff/api/tickets/:id/reply").handler(this::reply);
        router.get("/staff/api/tickets/:id/canned").handler(ctx -> Handlers.respond(ctx, handlers.blocking(ctx, () ->
                Map.of("answers", desk.cannedAnswers(ctx.pathParam("id"), ctx.request().getParam("q"))))));
        router.post("/staff/api/tickets/:id/notes").handler(ctx -> {
            String text = requiredText(ctx, "text");
            Handlers.respond(ctx, handlers.blocking(ctx, () -> desk.addNote(ctx.pathParam("id"), session(ctx), text)));
        });
        router.post("/staff/api/tickets/:id/unassign").handler(ctx ->
                Handlers.respond(ctx, handlers.blocking(ctx, () -> desk.reassign(ctx.pathParam("id"), session(ctx), null))));
        router.post("/staff/api/tickets/:id/transfer").handler(ctx -> {
            String to = requiredText(ctx, "to");
            Handlers.respond(ctx, handlers.blocking(ctx, () -> desk.reassign(ctx.pathParam("id"), session(ctx), to)));
        });
        router.post("/staff/api/tickets/:id/resolve").handler(ctx ->
                Handlers.respond(ctx, handlers.blocking(ctx, () -> desk.resolve(ctx.pathParam("id"), session(ctx)))));
        // Erasure on a customer's request (PIPA): the conversation, its tickets, notes, contact details, unanswered
        // questions and dead letters; the audit log keeps who did it.
        router.delete("/staff/api/conversations/:id").handler(ctx -> {
            StaffSession s = session(ctx);
            Handlers.respond(ctx, handlers.blocking(ctx, () -> {
                var erased = personalData.erase(ctx.pathParam("id"), "staff:" + s.username());
                audit.record(s, StaffAudit.Action.ERASED_CONVERSATION, ctx.pathParam("id"));
                return erased;
            }));
        });
        router.get("/staff/api/dead-letters").handler(ctx -> Handlers.respond(ctx, handlers.blocking(ctx, () ->
                Map.of("deadLetters", deadLetters.recent(200), "total", deadLetters.size()))));
        router.get("/staff/api/unanswered").handler(ctx -> Handlers.respond(ctx, handlers.blocking(ctx, () -> {
            List<UnansweredQuestion> recent = unanswered.recent(UnansweredLog.CAPACITY);
            return Map.of("groups", QuestionGroups.group(recent), "questions", recent.size());
        })));
        router.get("/staff/api/proposals").handler(ctx -> Handlers.respond(ctx, handlers.blocking(ctx, () ->
                Map.of("proposals", learning.list(), "intents", learning.intents()))));
        router.post("/staff/api/proposals").handler(ctx -> {
            JsonNode body = jsonBody(ctx);
            String user = session(ctx).username();
            Handlers.respond(ctx, handlers.blocking(ctx, () -> learning.propose(user, body.path("kind").asText(""), body.path("intent").asText(""),
                    body.path("language").asText(""), body.path("text").asText(""))));
        });
        router.post("/staff/api/proposals/:id/approve").handler(ctx -> {
            StaffSession s = session(ctx);
            Long base = optionalLong(ctx, "baseVersion");
            Handlers.respond(ctx, handlers.blocking(ctx, () -> learning.approve(ctx.pathParam("id"), s.username(), s.role().isAdmin(), base)));
        });
        router.post("/staff/api/proposals/:id/reject").handler(ctx -> {
            StaffSession s = session(ctx);
            Handlers.respond(ctx, handlers.blocking(ctx, () -> learning.reject(ctx.pathParam("id"), s.username(), s.role().isAdmin())));
        });
        extensions.forEach(e -> e.accept(router));
        // The staff-access audit log (admins only), as JSON or as a CSV download (itself recorded).
        router.get("/staff/api/audit").handler(ctx -> {
            requireAdmin(ctx);
            StaffSession s = session(ctx);
            int limit = auditLimit(ctx.request().getParam("limit"));
            boolean csv = "csv".equals(ctx.request().getParam("format"));
            handlers.blocking(ctx, () -> {
                if (csv) {
                    audit.record(s, StaffAudit.Action.EXPORTED_AUDIT, "latest " + limit);
                }
                return audit.recent(limit);
            }).onComplete(ar -> {
                if (ar.failed()) {
                    ErrorMapper.fail(ctx, ar.cause());
                } else if (csv) {
                    ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                            .putHeader("Content-Disposition", "attachment; filename=\"staff-audit.csv\"")
                            .end(StaffAudit.csv(ar.result()));
                } else {
                    Handlers.json(ctx, 200, Map.of("entries", ar.result()));
                }
            });
        });
        // Login lock-outs (admins only): who is held back, and lifting it (e.g. after the owner called in).
        router.get("/staff/api/lockouts").handler(ctx -> {
            requireAdmin(ctx);
            Handlers.respond(ctx, handlers.blocking(ctx, () -> {
                List<kr.daejeon.battery.staff.LoginLockout.Status> out = new java.util.ArrayList<>();
                for (Map<String, String> a : accounts.directory()) {
                    lockout.status(a.get("username")).ifPresent(out::add);
                }
                var p = lockout.policy();
                return Map.of("accounts", out, "policy", Map.of("delayAfterFailures", p.delayAfter(),
                        "lockAfterFailures", p.lockAfter(), "lockMinutes", p.lockFor().toMinutes()));
            }));
        });
        router.delete("/staff/api/lockouts/:username").handler(ctx -> {
            requireAdmin(ctx);
            String user = ctx.pathParam("username");
            Handlers.respond(ctx, handlers.blocking(ctx, () -> Map.of("username", user, "cleared", lockout.clear(user))));
        });
        // The console page itself: static files, no build step.
        router.get("/staff/*").handler(StaticHandler.create("webroot/staff").setCachingEnabled(false));
    }

    private void login(RoutingContext ctx) {
        JsonNode body = jsonBody(ctx);
        String user = body.path("username").asText("");
        String password = body.path("password").asText("");
        if (user.isEmpty() || password.isEmpty()) {
            throw new ApiError(400, "missing_credentials", "'username' and 'password' are required.");
        }
        logins.acquire(clientAddress.of(ctx.request())).onComplete(limit -> {
            int wait = limit.succeeded() ? limit.result() : 0;
            if (wait > 0) {
                new ApiError(429, "rate_limited", "Too many login attempts; retry after " + wait + " s.", wait).send(ctx);
                return;
            }
            // Per account, whatever the address: counted before the (slow) password check, so parallel guesses
            // cannot all get in before the first failure is recorded. Unknown usernames get the same answers.
            handlers.blocking(ctx, () -> lockout.tryLogin(user)).onComplete(decision -> {
                if (decision.failed()) {
                    ErrorMapper.fail(ctx, decision.cause());
                } else if (!decision.result().allowed()) {
                    int retry = decision.result().retryAfterSeconds();
                    new ApiError(429, "too_many_attempts", "Too many failed logins for this username; retry after " + retry
                            + " s.", retry).send(ctx);
                } else {
                    authenticateAndStartSession(ctx, user, password);
                }
            });
        });
    }

    private void authenticateAndStartSession(RoutingContext ctx, String user, String password) {
        // Hashing (0.3-1 s of CPU) on its own small pool: a burst of logins cannot take the worker
        // threads that customers' turns need.
        Handlers.blocking(hashing, ctx, () -> accounts.authenticate(user, password.toCharArray()))
                .onComplete(ar -> {
            if (ar.failed() || ar.result().isEmpty()) {
                // The hold this failure earns runs from the answer, not from the count before the hashing.
                handlers.blocking(ctx, () -> {
                    lockout.failed(user);
                    return null;
                }).onComplete(held -> new ApiError(401, "invalid_credentials", "Wrong username or password.").send(ctx));
                return;
            }
            // A new session id at every login: no session fixation.
            handlers.blocking(ctx, () -> {
                lockout.succeeded(user);
                return sessions.create(ar.result().get(), clock.instant());
            }).onComplete(created -> {
                if (created.failed()) {
                    ErrorMapper.fail(ctx, created.cause());
                    return;
                }
                Cookie cookie = Cookie.cookie(COOKIE, created.result()).setPath("/staff").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT).setSecure(isHttps(ctx));
                ctx.response().addCookie(cookie);
                handlers.blocking(ctx, () -> sessions.find(created.result(), clock.instant()).orElseThrow())
                        .onComplete(s -> Handlers.json(ctx, 200, me(s.result())));
            });
        });
    }

    private void authenticate(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        String value = cookie == null ? null : cookie.getValue();
        handlers.blocking(ctx, () -> sessions.find(value, clock.instant()).flatMap(s -> stillActive(value, s))).onComplete(ar -> {
            if (ar.failed()) {
                ErrorMapper.fail(ctx, ar.cause());
                return;
            }
            if (ar.result().isEmpty()) {
                new ApiError(401, "login_required", "Log in as staff first.").send(ctx);
                return;
            }
            StaffSession s = ar.result().get();
            boolean changesState = !ctx.request().method().name().equals("GET");
            String csrf = ctx.request().getHeader("X-CSRF-Token");
            if (changesState && (csrf == null || !java.security.MessageDigest.isEqual(csrf.getBytes(), s.csrfToken().getBytes()))) {
                new ApiError(403, "csrf_token_invalid", "Missing or wrong X-CSRF-Token header.").send(ctx);
                return;
            }
            ctx.put(SESSION_KEY, s);
            ctx.next();
        });
    }

    /**
     * The session with the account's role and name as they are now; empty (and the session deleted) when
     * the account was disabled or removed, so a disabled account's sessions end at their next request.
     */
    private Optional<StaffSession> stillActive(String cookie, StaffSession s) {
        Optional<kr.daejeon.battery.staff.StaffAccount> account = accounts.active(s.username());
        if (account.isEmpty()) {
            sessions.delete(cookie);
            return Optional.empty();
        }
        kr.daejeon.battery.staff.StaffAccount a = account.get();
        return Optional.of(new StaffSession(s.username(), a.displayName(), a.role(), s.csrfToken(), s.expiresAt()));
    }

    private void logout(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        handlers.blocking(ctx, () -> {
            sessions.delete(cookie == null ? null : cookie.getValue());
            return Map.of("loggedOut", true);
        }).onComplete(ar -> {
            ctx.response().addCookie(Cookie.cookie(COOKIE, "").setPath("/staff").setMaxAge(0).setHttpOnly(true));
            Handlers.json(ctx, 200, Map.of("loggedOut", true));
        });
    }

    /**
     * Live stream for the console: ticket changes and new messages of every conversation, as SSE. The
     * response starts (the browser's EventSource "open") only once this process hears every event, so a
     * console that loads its queue on "open" misses nothing.
     */
    private void events(RoutingContext ctx) {
        var res = ctx.response();
        res.setChunked(true).putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-store").putHeader("X-Accel-Buffering", "no");
        var consumer = vertx.eventBus().<String>consumer(EventBusMessageFeed.STAFF_ADDRESS, msg -> {
            String body = msg.body();
            String type = body.startsWith("{\"type\":\"ticket\"") ? "ticket" : "messages";
            res.write("event: " + type + "\ndata: " + body + "\n\n");
        });
        LiveStart live = LiveStart.of(vertx, consumer, desk::listen);
        var listening = live.listening();
        live.ready().onComplete(v -> {
            if (!res.ended() && !res.closed()) {
                res.write("retry: 2000\n\n");
            }
        });
        long ping = vertx.setPeriodic(pingMs, t -> res.write(": ping\n\n"));
        boolean[] cleaned = new boolean[1];
        Runnable cleanup = () -> {
            if (!cleaned[0]) {
                cleaned[0] = true;
                vertx.cancelTimer(ping);
                consumer.unregister();
                listening.close();
            }
        };
        res.closeHandler(v -> cleanup.run());
        ChatApi.endOnShutdown(ctx, cleanup);
    }

    /** The office report as JSON, or as a CSV download with {@code format=csv}. Dates default to the last 14 days. */
    private void report(RoutingContext ctx) {
        java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), zone);
        java.time.LocalDate to = reportDate(ctx, "to", today);
        java.time.LocalDate from = reportDate(ctx, "from", to.minusDays(13));
        String by = java.util.Optional.ofNullable(ctx.request().getParam("by")).orElse("day");
        if (!by.equals("day") && !by.equals("week")) {
            throw new ApiError(400, "invalid_query", "'by' must be day or week");
        }
        boolean csv = "csv".equals(ctx.request().getParam("format"));
        StaffSession s = session(ctx);
        handlers.blocking(ctx, () -> {
            var report = reports.build(from, to, by.equals("week"));
            if (csv) {
                audit.record(s, StaffAudit.Action.EXPORTED_REPORT, from + ".." + to + " by " + by);
            }
            return report;
        }).onComplete(ar -> {
            if (ar.failed()) {
                ErrorMapper.fail(ctx, ar.cause());
            } else if (csv) {
                ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8")
                        .putHeader("Content-Disposition", "attachment; filename=\"report-" + from + "-" + to + "-" + by + ".csv\"")
                        .end(ReportCsv.of(ar.result()));
            } else {
                Handlers.json(ctx, 200, ar.result());
            }
        });
    }

    private static java.time.LocalDate reportDate(RoutingContext ctx, String name, java.time.LocalDate otherwise) {
        String v = ctx.request().getParam(name);
        if (v == null || v.isBlank()) {
            return otherwise;
        }
        try {
            return java.time.LocalDate.parse(v.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new ApiError(400, "invalid_query", "'" + name + "' must be a date like 2027-03-02");
        }
    }

    private void reply(RoutingContext ctx) {
        String text = requiredText(ctx, "text");
        String id = ctx.pathParam("id");
        StaffSession s = session(ctx);
        Handlers.respond(ctx, handlers.blocking(ctx, () -> desk.reply(id, s, text)));
    }

    private static int pageLimit(String raw) {
        if (raw == null || raw.isBlank()) {
            return StaffDesk.QUEUE_LIMIT;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= 1 && v <= StaffDesk.QUEUE_LIMIT) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(400, "invalid_parameter", "'limit' must be a whole number from 1 to " + StaffDesk.QUEUE_LIMIT + ".");
    }

    private String requiredText(RoutingContext ctx, String field) {
        JsonNode value = jsonBody(ctx).get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new ApiError(400, "invalid_" + field, "'" + field + "' must be a non-empty string.");
        }
        String text = value.asText().strip();
        if (text.codePointCount(0, text.length()) > maxMessageChars) {
            throw new ApiError(400, "message_too_long", "'" + field + "' is longer than " + maxMessageChars + " characters.");
        }
        return text;
    }

    /** The request's body as a JSON object, or the staff API's 415/400 refusal (also used by {@link AccountsApi}). */
    static JsonNode jsonBody(RoutingContext ctx) {
        if (!ChatApi.isJson(ctx.request().getHeader("Content-Type"))) {
            throw new ApiError(415, "unsupported_media_type", "Send the body as application/json (UTF-8).");
        }
        try {
            JsonNode n = ctx.body() == null || ctx.body().buffer() == null ? null
                    : JsonCodec.MAPPER.readTree(ctx.body().buffer().getBytes());
            if (n == null || !n.isObject()) {
                throw new ApiError(400, "invalid_body", "The body must be a JSON object.");
            }
            return n;
        } catch (IOException e) {
            throw new ApiError(400, "malformed_json", "The body is not valid JSON (UTF-8).");
        }
    }

    private static int auditLimit(String raw) {
        if (raw == null || raw.isBlank()) {
            return 500;
        }
        try {
            int v = Integer.parseInt(raw.trim());
            if (v >= 1 && v <= StaffAudit.CAPACITY) {
                return v;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new ApiError(400, "invalid_parameter", "'limit' must be a whole number from 1 to " + StaffAudit.CAPACITY + ".");
    }

    private static void requireAdmin(RoutingContext ctx) {
        if (!session(ctx).role().isAdmin()) {
            throw new ApiError(403, "admin_only", "Only an admin may do this.");
        }
    }

    private static StaffSession session(RoutingContext ctx) {
        return ctx.get(SESSION_KEY);
    }

    private static Map<String, Object> me(StaffSession s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("username", s.username());
        out.put("name", s.displayName());
        out.put("role", s.role());
        out.put("csrfToken", s.csrfToken());
        return out;
    }

    private static boolean isHttps(RoutingContext ctx) {
        return ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"));
    }


}
