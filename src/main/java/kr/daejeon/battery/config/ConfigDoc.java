package kr.daejeon.battery.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes {@code docs/configuration.md} from {@link ConfigRegistry}: one table per group (essentials, frequent, rare).
 * Regenerate with {@link #REGENERATE} (from the repository root).
 * {@code ConfigDocTest} fails when the file in the repository differs from what this writes.
 */
public final class ConfigDoc {

    public static final Path FILE = Path.of("docs", "configuration.md");
    public static final String REGENERATE = "./mvnw -q -B -ntp -o compile && java -cp target/classes kr.daejeon.battery.config.ConfigDoc";

    private ConfigDoc() {
    }

    public static void main(String[] args) throws IOException {
        Path file = args.length > 0 ? Path.of(args[0]) : FILE;
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file.toAbsolutePath());
    }

    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append("# Configuration\n\n");
        out.append("<!-- Generated from src/main/java/kr/daejeon/battery/config/ConfigRegistry.java; do not edit by hand.\n");
        out.append("     Regenerate: ").append(REGENERATE).append(" -->\n\n");
        out.append("Every setting has one name: `session_ttl_minutes` in a YAML file (`--config FILE` or `CONFIG_FILE`) is\n");
        out.append("`SESSION_TTL_MINUTES` in the environment and `--session-ttl-minutes` on the command line. Later sources win:\n");
        out.append("defaults, then the file, then the environment, then the command line. Unknown keys and values out of\n");
        out.append("bounds stop the start, all reported together. Deployment shapes (one Redis, Sentinel, Cluster, managed\n");
        out.append("Redis) and what each guarantees: [deployment.md](deployment.md).\n");
        for (ConfigKey.Group group : ConfigKey.Group.values()) {
            out.append("\n## ").append(group.title).append("\n\n").append(group.intro).append("\n\n");
            out.append("| Key | Default | Type | Allowed | What it does |\n");
            out.append("|---|---|---|---|---|\n");
            for (ConfigKey k : ConfigRegistry.keys()) {
                if (k.group() != group) {
                    continue;
                }
                out.append("| `").append(k.name()).append("` | ")
                        .append(k.defaultValue().isEmpty() ? "(empty)" : "`" + k.defaultValue() + "`").append(" | ")
                        .append(k.type().label).append(" | ").append(bounds(k)).append(" | ")
                        .append(k.description().replace("|", "\\|")).append(" |\n");
            }
        }
        return out.toString();
    }

    private static String bounds(ConfigKey k) {
        if (!k.isNumber()) {
            return "";
        }
        if (k.type() == ConfigKey.Type.INTEGER) {
            return String.format(Locale.ROOT, "%,d – %,d", (long) k.min(), (long) k.max());
        }
        return trim(k.min()) + " – " + trim(k.max());
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }
}
