package kr.daejeon.battery.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of issue 22 that hold, so that they keep holding (docs/architecture.md, "Issue 22, item by
 * item"). A plain scan of the main sources with their comments removed: it sees imports and fully qualified names
 * alike, and a class mentioned only in a comment is no dependency. Each rule names the files it applies to and what
 * they must not contain; the few known exceptions are listed with the reason they remain.
 */
class PackageRulesTest {

    static final Path MAIN = Path.of("src/main/java/kr/daejeon/battery");

    /** Where the state is kept is chosen once ({@code infra.Backend}); only the wiring and infra name infra. */
    @Test
    void onlyTheWiringAndInfraNameTheStoreImplementations() {
        assertNone(notUnder("infra").and(notWiring()), "\\bkr\\.daejeon\\.battery\\.infra\\b",
                // The SSE endpoints listen on the event-bus addresses the memory feed (and the Redis feed, relaying
                // through it) publishes to; giving them a home of their own is still open (see docs/architecture.md).
                Map.of("api/ChatApi.java", "EventBusMessageFeed", "api/StaffApi.java", "EventBusMessageFeed"));
    }

    @Test
    void theRedisClientLibraryIsUsedOnlyInInfraRedis() {
        assertNone(notUnder("infra/redis"), "\\bredis\\.clients\\b", Map.of());
    }

    /** Every Lua script is a resource file beside the Redis adapters (read by {@code RedisScript.of}). */
    @Test
    void noLuaInJavaSources() {
        assertNone(any(), "redis\\.p?call\\(\\s*'|\\.eval\\(\\s*\"", Map.of(), true);
    }

    /** Nobody asks which store they were given: no instanceof on an implementation ... */
    @Test
    void noInstanceofOnAStoreImplementation() {
        assertNone(notUnder("infra"), "instanceof\\s+([\\w.]+\\.)?(Redis|InMemory|Memory|Local|EventBus)[A-Z]\\w*", Map.of());
    }

    /** ... and no "is it Redis?" but in the Backend, which chooses once. */
    @Test
    void onlyTheBackendAsksWhetherRedisIsConfigured() {
        assertNone(f -> !f.equals("infra/Backend.java") && !f.startsWith("config/"), "\\busesRedis\\(\\)", Map.of());
    }

    /** The conversation's lock is a value handed to the locked work ({@code SessionStore.Held}), not thread state. */
    @Test
    void theTurnPathKeepsNoThreadLocalState() {
        assertNone(under("session").or(under("conversation")).or(under("infra")).or(under("ratelimit")),
                "\\bThreadLocal\\s*<", Map.of());
    }

    /** The domain of a turn knows neither HTTP nor Vert.x: the web layer and the messenger adapters own those. */
    @Test
    void theDomainHasNoVertxTypes() {
        List<String> core = List.of("session", "conversation", "nlu", "faq", "eligibility", "profile", "content", "staff",
                "privacy", "reports", "feedback", "health", "config", "metrics", "outbox", "logging");
        assertNone(f -> core.stream().anyMatch(p -> f.startsWith(p + "/")), "\\bio\\.vertx\\b", Map.of());
    }

    /** The engine does not reach into learning, the web layer, the messengers or the staff desk. */
    @Test
    void conversationDependsOnNoOuterPackage() {
        assertNone(under("conversation"),
                "\\bkr\\.daejeon\\.battery\\.(learning|api|channel|staff|infra|reports|feedback|privacy)\\b", Map.of());
    }

    /**
     * The web layer is {@code api}; the messenger adapters share only its helpers (the one error mapper, the blocking
     * hop, the error body, request correlation), never an endpoint class. Nothing else names {@code api}, and only the
     * wiring names a messenger adapter.
     */
    @Test
    void onlyTheWiringAndTheChannelsUseTheWebLayer() {
        assertNone(notUnder("api").and(notUnder("channel")).and(notWiring()), "\\bkr\\.daejeon\\.battery\\.api\\b", Map.of());
    }

    @Test
    void theChannelsUseOnlyTheWebHelpers() {
        assertNone(under("channel"),
                "\\bkr\\.daejeon\\.battery\\.api\\.(?!(ApiError|ErrorMapper|Handlers|Correlation)\\b)([A-Z]|\\*)", Map.of());
    }

    @Test
    void onlyTheWiringNamesAMessengerAdapter() {
        assertNone(notUnder("channel").and(notWiring()), "\\bkr\\.daejeon\\.battery\\.channel\\.(kakao|line|telegram)\\b",
                Map.of());
    }

    @Test
    void theScanSeesTheSources() {
        assertTrue(sources().size() > 100, "the scan must find the main sources (run from the project root)");
        assertTrue(code("infra/redis/RedisScript.java").contains("class RedisScript"));
        assertTrue(!code("privacy/PersonalData.java").contains("Erases a conversation"), "comments are removed");
    }

    // ---- the scan

    private static void assertNone(Predicate<String> files, String forbidden, Map<String, String> allowed) {
        assertNone(files, forbidden, allowed, false);
    }

    /**
     * No file chosen by {@code files} matches {@code forbidden} (in its code, or with {@code inStrings} in its code and
     * string literals), except a file of {@code allowed} whose every match is on a line naming the allowed word.
     */
    private static void assertNone(Predicate<String> files, String forbidden, Map<String, String> allowed,
                                   boolean inStrings) {
        Pattern p = Pattern.compile(forbidden);
        List<String> offenders = sources().stream().filter(files).flatMap(f -> {
            String text = inStrings ? withStrings(f) : code(f);
            Matcher m = p.matcher(text);
            Stream.Builder<String> hits = Stream.builder();
            while (m.find()) {
                String line = line(text, m.start());
                String word = allowed.get(f);
                if (word == null || !line.contains(word)) {
                    hits.add(f + ": " + line.strip());
                }
            }
            return hits.build();
        }).sorted().toList();
        assertEquals(List.of(), offenders, "forbidden: " + forbidden);
    }

    private static String line(String text, int at) {
        int from = text.lastIndexOf('\n', at) + 1;
        int to = text.indexOf('\n', at);
        return text.substring(from, to < 0 ? text.length() : to);
    }

    private static Predicate<String> any() {
        return f -> true;
    }

    private static Predicate<String> under(String dir) {
        return f -> f.startsWith(dir + "/");
    }

    private static Predicate<String> notUnder(String dir) {
        return under(dir).negate();
    }

    /** The classes of the root package: the wiring ({@code Server}) and the commands ({@code Main}, train). */
    private static Predicate<String> notWiring() {
        return f -> f.contains("/");
    }

    /** Main sources relative to the root package, with '/' separators. */
    private static List<String> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> MAIN.relativize(f).toString().replace('\\', '/')).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(MAIN.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file without its comments and without the contents of its string literals. */
    static String code(String file) {
        return strip(read(file), false);
    }

    /** The file without its comments, string literals kept. */
    static String withStrings(String file) {
        return strip(read(file), true);
    }

    /** Removes comments (and, unless {@code keepStrings}, what string and text-block literals hold); keeps line breaks. */
    static String strip(String s, boolean keepStrings) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (s.startsWith("//", i)) {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                end = end < 0 ? s.length() : end + 2;
                s.substring(i, end).chars().filter(ch -> ch == '\n').forEach(ch -> out.append('\n'));
                i = end;
            } else if (c == '"' || c == '\'') {
                String quote = s.startsWith("\"\"\"", i) ? "\"\"\"" : String.valueOf(c);
                int j = i + quote.length();
                while (j < s.length() && !s.startsWith(quote, j)) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(s.length(), j + quote.length());
                String literal = s.substring(i, j);
                out.append(keepStrings ? literal : quote + literal.replaceAll("[^\n]", "") + quote);
                i = j;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
