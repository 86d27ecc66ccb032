package kr.daejeon.battery.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.ext.web.Router;
import java.util.Map;
import kr.daejeon.battery.staff.StaffAccounts;
import kr.daejeon.battery.staff.StaffSession;

/**
 * "계정 관리" for admins: list accounts with the audit log, add an account, reset a password, disable
 * or enable, change role or name. Every change is audited by {@link StaffAccounts}. Mounted behind
 * the staff login by {@link StaffApi#with}.
 */
public final class AccountsApi {

    private final StaffAccounts accounts;
    private final WorkerExecutor hashing;
    private final Handlers handlers;

    public AccountsApi(Vertx vertx, StaffAccounts accounts) {
        this.handlers = new Handlers(vertx);
        this.accounts = accounts;
        // Password hashing (PBKDF2, ~0.5 s of CPU) on its own small pool, like logins.
        this.hashing = vertx.createSharedWorkerExecutor("staff-account-hashing", 1);
    }

    public void mount(Router router) {
        router.get("/staff/api/accounts").handler(ctx -> {
            ContentApi.admin(ctx);
            Handlers.respond(ctx, handlers.blocking(ctx, () -> Map.of("accounts", accounts.list(),
                    "log", accounts.log(100), "minPasswordLength", StaffAccounts.MIN_PASSWORD)));
        });
        router.post("/staff/api/accounts").handler(ctx -> {
            StaffSession s = ContentApi.admin(ctx);
            JsonNode b = StaffApi.jsonBody(ctx);
            Handlers.respond(ctx, Handlers.blocking(hashing, ctx, () -> accounts.add(s.username(),
                    text(b, "username"), text(b, "name"), text(b, "role") == null ? "agent" : text(b, "role"), text(b, "password"))));
        });
        router.post("/staff/api/accounts/:username").handler(ctx -> {
            StaffSession s = ContentApi.admin(ctx);
            JsonNode b = StaffApi.jsonBody(ctx);
            JsonNode disabled = b.path("disabled");
            if (!disabled.isMissingNode() && !disabled.isBoolean()) {
                throw new ApiError(400, "invalid_body", "'disabled' must be true or false.");
            }
            Boolean d = disabled.isBoolean() ? disabled.asBoolean() : null;
            Handlers.respond(ctx, handlers.blocking(ctx, () -> accounts.change(s.username(),
                    ctx.pathParam("username"), text(b, "role"), text(b, "name"), d)));
        });
        router.post("/staff/api/accounts/:username/password").handler(ctx -> {
            StaffSession s = ContentApi.admin(ctx);
            JsonNode b = StaffApi.jsonBody(ctx);
            Handlers.respond(ctx, Handlers.blocking(hashing, ctx, () -> accounts.resetPassword(s.username(),
                    ctx.pathParam("username"), text(b, "password"))));
        });
    }

    private static String text(JsonNode b, String field) {
        JsonNode n = b.path(field);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new ApiError(400, "invalid_body", "'" + field + "' must be a string.");
        }
        return n.asText();
    }
}
