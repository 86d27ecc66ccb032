package kr.daejeon.battery.api;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import kr.daejeon.battery.content.ContentFiles;
import kr.daejeon.battery.content.ContentVersion;
import kr.daejeon.battery.content.LineDiff;
import kr.daejeon.battery.content.StaleVersionException;
import kr.daejeon.battery.content.VersionedContent;
import kr.daejeon.battery.staff.StaffSession;

/**
 * The content's version history for the console: what each version changed (who, when, a diff of
 * each changed file), "restore this version" (itself a new version, admins only), the export of the
 * current version's files, and what this node serves (training, waiting for a model, serving).
 * Mounted behind the staff login by {@link StaffApi#with}.
 */
public final class ContentApi {

    private static final int MAX_DIFF_LINES = 400;

    private final Vertx vertx;
    private final Handlers handlers;
    private final VersionedContent versions;

    public ContentApi(Vertx vertx, VersionedContent versions) {
        this.vertx = vertx;
        this.handlers = new Handlers(vertx);
        this.versions = versions;
    }

    public void mount(Router router) {
        router.get("/staff/api/content/status").handler(ctx -> Handlers.respond(ctx, contentWork(ctx, versions::status)));
        router.get("/staff/api/content/versions").handler(ctx -> {
            int limit = Math.max(1, Math.min(200, intParam(ctx, "limit", 50)));
            Handlers.respond(ctx, contentWork(ctx, () -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("current", versions.store().head());
                out.put("serving", versions.version());
                out.put("versions", versions.store().history(limit));
                return out;
            }));
        });
        router.get("/staff/api/content/versions/:number").handler(ctx -> {
            long n = number(ctx);
            Handlers.respond(ctx, contentWork(ctx, () -> detail(n)));
        });
        router.post("/staff/api/content/versions/:number/restore").handler(ctx -> {
            StaffSession s = admin(ctx);
            long n = number(ctx);
            Long base = StaffApi.optionalLong(ctx, "baseVersion");
            if (base == null) {
                throw new ApiError(400, "base_version_required",
                        "Send {\"baseVersion\": N}, the current version you saw, so a change made meanwhile is not undone unseen.");
            }
            Handlers.respond(ctx, contentWork(ctx, () -> {
                ContentVersion v = versions.restore(base, n, s.username());
                return Map.of("version", v.summaryOnly(), "state", versions.status().state());
            }));
        });
        router.get("/staff/api/content/export").handler(ctx -> {
            admin(ctx);
            Handlers.respond(ctx, contentWork(ctx, () -> {
                long head = versions.store().head();
                ContentFiles files = versions.files(head);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("version", head);
                out.put("files", files.files());
                ctx.response().putHeader("Content-Disposition", "attachment; filename=\"content-v" + head + ".json\"");
                return out;
            }));
        });
    }

    private Map<String, Object> detail(long n) {
        ContentVersion v = versions.store().version(n).orElseThrow(() -> new ApiError(404, "version_not_found", "No such content version."));
        List<String> hashes = new ArrayList<>();
        v.changes().forEach(c -> {
            hashes.add(c.before());
            hashes.add(c.after());
        });
        Map<String, String> texts = versions.store().texts(hashes);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (ContentVersion.FileChange c : v.changes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", c.path());
            m.put("kind", c.before() == null ? "added" : c.after() == null ? "removed" : "changed");
            List<LineDiff.Hunk> hunks = LineDiff.of(texts.get(c.before()), texts.get(c.after()));
            int lines = hunks.stream().mapToInt(h -> h.lines().size()).sum();
            m.put("truncated", lines > MAX_DIFF_LINES);
            m.put("hunks", lines > MAX_DIFF_LINES ? trim(hunks) : hunks);
            changes.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", v.summaryOnly());
        out.put("changes", changes);
        return out;
    }

    private static List<LineDiff.Hunk> trim(List<LineDiff.Hunk> hunks) {
        List<LineDiff.Hunk> out = new ArrayList<>();
        int left = MAX_DIFF_LINES;
        for (LineDiff.Hunk h : hunks) {
            if (left <= 0) {
                break;
            }
            List<LineDiff.Line> lines = h.lines().subList(0, Math.min(left, h.lines().size()));
            out.add(new LineDiff.Hunk(List.copyOf(lines)));
            left -= lines.size();
        }
        return out;
    }

    static StaffSession admin(RoutingContext ctx) {
        StaffSession s = StaffApi.sessionOf(ctx);
        if (!s.role().isAdmin()) {
            throw new ApiError(403, "admin_only", "Only an admin can do this.");
        }
        return s;
    }

    private static long number(RoutingContext ctx) {
        try {
            long n = Long.parseLong(ctx.pathParam("number"));
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ApiError(404, "version_not_found", "No such content version.");
        }
    }

    private static int intParam(RoutingContext ctx, String name, int fallback) {
        String v = ctx.request().getParam(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "invalid_parameter", "'" + name + "' must be a number.");
        }
    }

    /** Blocking content work, its own failures named (see {@link #contentErrors}). */
    private <T> Future<T> contentWork(RoutingContext ctx, Callable<T> work) {
        return handlers.blocking(ctx, work).recover(ContentApi::contentErrors);
    }

    /** Content edits have failures of their own: a stale version (409) and content that does not validate (422). */
    private static <T> Future<T> contentErrors(Throwable t) {
        if (t instanceof StaleVersionException e) {
            return Future.failedFuture(new ApiError(409, "content_changed", "The content is now at version " + e.current
                    + " (you saw " + e.expected + "); nothing was changed. Reload and try again."));
        }
        if (t instanceof IllegalArgumentException e) {
            return Future.failedFuture(new ApiError(422, "content_invalid", e.getMessage()));
        }
        return Future.failedFuture(t);
    }
}
