package kr.daejeon.battery.staff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Staff accounts from a YAML file ({@code accounts: [{username, name, role, password_hash}]}).
 * Hashes come from {@code java -jar target/inquiry-assistant.jar hash-password}.
 */
public final class StaffAccounts {

    /** Verified against when the username is unknown, so timing does not reveal which usernames exist. */
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StaffAccounts.class);
    private static final String DUMMY_HASH = PasswordHasher.hash("not-a-password".toCharArray());

    private final Map<String, StaffAccount> byName;
    private final java.util.Set<String> warnedWeak = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private StaffAccounts(Map<String, StaffAccount> byName) {
        this.byName = Map.copyOf(byName);
    }

    public static StaffAccounts none() {
        return new StaffAccounts(Map.of());
    }

    public static StaffAccounts load(Path file) {
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
                out.put(user, new StaffAccount(user, a.path("name").asText(user), role, hash));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": " + String.join("; ", problems));
        }
        return new StaffAccounts(out);
    }

    private static List<JsonNode> iterable(JsonNode n) {
        List<JsonNode> out = new ArrayList<>();
        n.forEach(out::add);
        return out;
    }

    public boolean isEmpty() {
        return byName.isEmpty();
    }

    /** Who can be handed a ticket: username, display name and role, sorted by username (no password hashes). */
    public java.util.List<Map<String, String>> directory() {
        return byName.values().stream().sorted(java.util.Comparator.comparing(StaffAccount::username))
                .map(a -> Map.of("username", a.username(), "name", a.displayName(), "role", a.role())).toList();
    }

    public boolean exists(String username) {
        return byName.containsKey(username);
    }

    public Optional<StaffAccount> authenticate(String username, char[] password) {
        StaffAccount account = byName.get(username);
        boolean ok = PasswordHasher.verify(password, account == null ? DUMMY_HASH : account.passwordHash());
        if (ok && account != null && PasswordHasher.needsRehash(account.passwordHash()) && warnedWeak.add(username)) {
            // The accounts file is the operator's: say so once per account rather than rewrite it.
            LOG.warn("staff account '{}' has a password hash weaker than {} PBKDF2 iterations: run hash-password "
                    + "with the same password and replace it in the staff accounts file", username, PasswordHasher.ITERATIONS);
        }
        return ok && account != null ? Optional.of(account) : Optional.empty();
    }

    public static boolean exists(Path file) {
        return file != null && Files.isRegularFile(file);
    }
}
