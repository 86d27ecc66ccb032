package kr.daejeon.battery.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.content.Content;
import kr.daejeon.battery.conversation.ConversationEngine;
import kr.daejeon.battery.faq.TrainingCalendar;
import kr.daejeon.battery.faq.TrainingSession;
import kr.daejeon.battery.nlu.Language;

/**
 * The training calendar over HTTP: {@code GET /api/v1/training/sessions} (upcoming sessions; a real one
 * with its seats and sign-up status) and {@code GET /api/v1/training/sessions/{id}.ics} (one real session
 * as an iCalendar file, {@code ?lang=ko|en}; example sessions have none). Public, like the FAQ it comes from; no conversation needed.
 */
public final class TrainingApi {

    private final java.util.function.Supplier<Content> content;
    private final Clock clock;

    public TrainingApi(java.util.function.Supplier<Content> content, Clock clock) {
        this.content = content;
        this.clock = clock;
    }

    public void mount(Router router) {
        router.get("/api/v1/training/sessions").handler(this::list);
        // The same path the conversation engine links to from its answers.
        router.get(ConversationEngine.TRAINING_ICS_PATH + ":file").handler(this::ics);
    }

    private void list(RoutingContext ctx) {
        TrainingCalendar calendar = content.get().faq().trainingCalendar();
        Instant now = clock.instant();
        List<Map<String, Object>> out = calendar.upcoming(now).stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("course", s.course());
            m.put("place", s.place());
            m.put("starts", s.starts().toString());
            m.put("ends", s.ends().toString());
            m.put("signupOpens", s.signup().opens().toString());
            m.put("signupCloses", s.signup().closes().toString());
            m.put("example", s.example());
            if (!s.example()) {
                // Seats and status only for a real session: for example data they would read as a live offer.
                m.put("seats", s.seats());
                m.put("seatsLeft", s.seatsLeft());
                m.put("status", s.status(now).name().toLowerCase(java.util.Locale.ROOT));
            }
            return m;
        }).toList();
        Handlers.json(ctx, 200, Map.of("sessions", out));
    }

    private void ics(RoutingContext ctx) {
        TrainingCalendar calendar = content.get().faq().trainingCalendar();
        String file = ctx.pathParam("file");
        if (!file.endsWith(".ics")) {
            throw new ApiError(404, "not_found", "No such endpoint.");
        }
        String id = file.substring(0, file.length() - 4);
        TrainingSession session = calendar.session(id)
                .filter(s -> !s.example())
                .orElseThrow(() -> new ApiError(404, "session_not_found", "No real training session with this id (example sessions have no calendar file)."));
        String lang = ctx.request().getParam("lang");
        Language language = lang == null ? Language.KO : Language.fromCode(lang);
        if (language == null) {
            throw new ApiError(400, "invalid_locale", "'lang' must be \"ko\" or \"en\".");
        }
        ctx.response().putHeader("Content-Type", "text/calendar; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"" + id + ".ics\"")
                .putHeader("Cache-Control", "no-store")
                .end(calendar.ics(session, language, clock.instant()));
    }
}
