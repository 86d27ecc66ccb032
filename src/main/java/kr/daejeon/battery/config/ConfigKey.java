package kr.daejeon.battery.config;

/**
 * One setting: its name (lower case in a file, upper case in the environment), default, type, bounds and what it
 * does. {@link ConfigRegistry} lists them all; {@link AppConfig} reads bounds from here and
 * {@code docs/configuration.md} is generated from here, so the three cannot drift apart.
 *
 * @param min lowest allowed value of a number (ignored for other types)
 * @param max highest allowed value of a number
 */
public record ConfigKey(String name, String defaultValue, Type type, double min, double max, Group group,
                        String description) {

    /** How often an operator needs the setting; the documentation is grouped by it. */
    public enum Group {
        ESSENTIAL("Essentials", "Set or check these for every deployment."),
        FREQUENT("Frequent", "Changed in many deployments: channels, limits, Redis topology, staff hours."),
        RARE("Rare", "Tuning and special cases; the defaults suit most deployments.");

        public final String title;
        public final String intro;

        Group(String title, String intro) {
            this.title = title;
            this.intro = intro;
        }
    }

    public enum Type {
        TEXT("text"), INTEGER("integer"), DECIMAL("decimal"), LIST("comma-separated list"), URL("URL"), PATH("path"),
        SECRET("secret"), CHOICE("one of");

        public final String label;

        Type(String label) {
            this.label = label;
        }
    }

    public String environmentName() {
        return name.toUpperCase(java.util.Locale.ROOT);
    }

    public boolean isNumber() {
        return type == Type.INTEGER || type == Type.DECIMAL;
    }
}
