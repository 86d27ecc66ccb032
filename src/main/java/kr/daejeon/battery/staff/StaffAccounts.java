package kr.daejeon.battery.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.Refusal.Reason;

/**
 * The staff accounts, kept in an {@link AccountStore} (Redis for every node, or this process). The
 * YAML file ({@code accounts: [{username, name, role, password_hash}]}, hashes from {@code hash-password})
 * only bootstraps an empty store; afterwards admins add, disable, reset and change roles in the console,
 * every change audited. Blocking when in Redis.
 */
public final class StaffAccounts {

    /** The action is refused: a {@link kr.daejeon.battery.Refusal.Reason} and a stable code; the web layer picks the status. */
    public static final class Refused extends kr.daejeon.battery.Refusal {
        Refused(Reason reason, String code, String message) {
            super(reason, code, message);
        }
    }

    public static final int MIN_PASSWORD = 10;
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StaffAccounts.class);
    /** Verified against when the username is unknown, so timing does not reveal which usernames exist. */
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password".toCharArray());

    private final AccountStore store;
    private final Clock clock;
    private final java.util.Set<String> warnedWeak = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public StaffAccounts(AccountStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** No accounts, in this process. */
    public static StaffAccounts none() {
        return new StaffAccounts(new InMemoryAccountStore(), Clock.systemUTC());
    }

    /** Stores the file's accounts when the store has none yet; returns how many were stored. */
    public int bootstrap(Path file) {
        return store.seedIfEmpty(read(file), new AccountChange(clock.instant(), "system", "*", "bootstrap",
                "accounts from " + file.getFileName()));
    }

    /** Reads and checks the accounts file. */
    public static List<StaffAccount> read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("staff accounts file " + file + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, StaffAccount> out = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (JsonNode a : root == null ? List.<JsonNode>of() : iterable(root.path("accounts"))) {
            String user = a.path("username").asText("");
            String role = a.path("role").asText("agent");
            String hash = a.path("password_hash").asText("");
            if (user.isBlank() || !hash.startsWith("pbkdf2-sha256$")) {
                problems.add("each account needs a username and a password_hash from 'hash-password'");
            } else if (!role.equals("agent") && !role.equals("admin")) {
                problems.add(user + ": role must be agent or admin");
            } else {
                out.put(user, new StaffAccount(user, a.path("name").asText(user), StaffRole.of(role), hash));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        }
        return List.copyOf(out.values());
    }

    private static List<JsonNode> iterable(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    public boolean isEmpty() {
        return store.all().isEmpty();
    }

    /** Who can be handed a ticket: username, display name and role of active accounts, sorted (no password hashes). */
    public List<Map<String, String>> directory() {
        return store.all().stream().filter(a -> !a.disabled()).sorted(Comparator.comparing(StaffAccount::username))
                .map(a -> Map.of("username", a.username(), "name", a.displayName(), "role", a.role().wire())).toList();
    }

    /** Every account for the admin screen, with its state, never its hash. */
    public List<Map<String, Object>> list() {
        return store.all().stream().sorted(Comparator.comparing(StaffAccount::username)).map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("username", a.username());
            m.put("name", a.displayName());
            m.put("role", a.role());
            m.put("disabled", a.disabled());
            return m;
        }).toList();
    }

    public List<AccountChange> log(int limit) {
        return store.log(limit);
    }

    /** An active account of that name. */
    public boolean exists(String username) {
        return active(username).isPresent();
    }

    /** The account as it is now, if it may still be used (sessions check this on every request). */
    public Optional<StaffAccount> active(String username) {
        return store.find(username).filter(a -> !a.disabled());
    }

    /**
     * The active account when the password is right. Blocking and slow on purpose (PBKDF2): callers run it
     * on the login's own small pool. A right password whose stored hash is weaker than today's (fewer
     * iterations, from before a raise) is hashed again and stored, so old accounts catch up as their owners
     * log in, without a reset.
     */
    public Optional<StaffAccount> authenticate(String username, char[] password) {
        StaffAccount account = store.find(username).orElse(null);
        boolean ok = PasswordHasher.verify(password, account == null ? DUMMY_HASH : account.passwordHash());
        if (!ok || account == null || account.disabled()) {
            return Optional.empty();
        }
        return Optional.of(PasswordHasher.needsRehash(account.passwordHash()) ? rehash(account, password) : account);
    }

    private StaffAccount rehash(StaffAccount account, char[] password) {
        StaffAccount next = new StaffAccount(account.username(), account.displayName(), account.role(),
                PasswordHasher.hash(password), account.disabled());
        // Compare-and-set: an admin's change meanwhile (reset, disable) wins; the next login tries again.
        if (store.replace(account, next, change("system", account.username(), "rehash",
                "password hash raised to " + PasswordHasher.ITERATIONS + " PBKDF2 iterations at login"))) {
            return next;
        }
        if (warnedWeak.add(account.username())) {
            LOG.warn("staff account '{}': its weaker password hash could not be replaced at login (changed meanwhile)",
                    account.username());
        }
        return account;
    }

    public Map<String, Object> add(String by, String username, String name, String roleWord, String password) {
        String user = username == null ? "" : username.strip();
        if (!user.matches("[a-z0-9][a-z0-9._-]{1,31}")) {
            throw new Refused(Reason.INVALID, "invalid_username", "'username': 2 to 32 lowercase letters, digits, '.', '_' or '-'.");
        }
        StaffRole role = role(roleWord);
        String display = name == null || name.isBlank() ? user : name.strip();
        if (display.length() > 60) {
            throw new Refused(Reason.INVALID, "invalid_name", "'name' must be at most 60 characters.");
        }
        StaffAccount next = new StaffAccount(user, display, role, hash(password), false);
        if (!store.replace(null, next, change(by, user, "add", "role " + role))) {
            throw new Refused(Reason.CONFLICT, "account_exists", "An account with this username exists.");
        }
        return view(next);
    }

    public Map<String, Object> resetPassword(String by, String username, String password) {
        String hash = hash(password);
        return update(by, username, "reset_password", "", a -> new StaffAccount(a.username(), a.displayName(), a.role(), hash,
                a.disabled()));
    }

    /** Changes role, display name or disabled state (null: unchanged). An admin cannot disable or demote themself. */
    public Map<String, Object> change(String by, String username, String roleWord, String name, Boolean disabled) {
        StaffRole role = roleWord == null ? null : role(roleWord);
        if (username.equals(by) && (Boolean.TRUE.equals(disabled) || (role != null && !role.isAdmin()))) {
            throw new Refused(Reason.CONFLICT, "own_account", "You cannot disable your own account or take away your own admin role.");
        }
        List<String> what = new ArrayList<>();
        return update(by, username, disabled == null ? "change" : disabled ? "disable" : "enable", null, a -> {
            StaffRole r = role == null ? a.role() : role;
            String n = name == null || name.isBlank() ? a.displayName() : name.strip();
            boolean d = disabled == null ? a.disabled() : disabled;
            if (r != a.role()) {
                what.add("role " + a.role() + " → " + r);
            }
            if (!n.equals(a.displayName())) {
                what.add("name");
            }
            return new StaffAccount(a.username(), n, r, a.passwordHash(), d);
        }, what);
    }

    private Map<String, Object> update(String by, String username, String action, String detail,
                                       java.util.function.UnaryOperator<StaffAccount> edit) {
        return update(by, username, action, detail, edit, List.of());
    }

    private Map<String, Object> update(String by, String username, String action, String detail,
                                       java.util.function.UnaryOperator<StaffAccount> edit, List<String> what) {
        for (int attempt = 0; attempt < 3; attempt++) {
            StaffAccount current = store.find(username)
                    .orElseThrow(() -> new Refused(Reason.NOT_FOUND, "account_not_found", "No such account."));
            StaffAccount next = edit.apply(current);
            String d = detail != null ? detail : String.join(", ", what);
            if (store.replace(current, next, change(by, username, action, d))) {
                return view(next);
            }
        }
        throw new Refused(Reason.CONFLICT, "account_changed", "The account changed meanwhile; try again.");
    }

    private AccountChange change(String by, String username, String action, String detail) {
        return new AccountChange(clock.instant(), by, username, action, detail);
    }

    private static StaffRole role(String word) {
        try {
            return StaffRole.of(word);
        } catch (IllegalArgumentException e) {
            throw new Refused(Reason.INVALID, "invalid_role", "'role' must be \"agent\" or \"admin\".");
        }
    }

    private static String hash(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD || password.length() > 200) {
            throw new Refused(Reason.INVALID, "weak_password", "The password must be " + MIN_PASSWORD + " to 200 characters.");
        }
        return PasswordHasher.hash(password.toCharArray());
    }

    private static Map<String, Object> view(StaffAccount a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("username", a.username());
        m.put("name", a.displayName());
        m.put("role", a.role());
        m.put("disabled", a.disabled());
        return m;
    }

    public static boolean exists(Path file) {
        return file != null && Files.isRegularFile(file);
    }
}
