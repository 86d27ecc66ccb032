package kr.daejeon.battery.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is what {@link ConfigDoc} writes from the registry, and the registry is what AppConfig reads. */
class ConfigDocTest {

    @Test
    void configurationDocIsUpToDate() throws Exception {
        String inRepo = Files.exists(ConfigDoc.FILE) ? Files.readString(ConfigDoc.FILE, StandardCharsets.UTF_8) : "";
        assertEquals(ConfigDoc.render(), inRepo,
                "docs/configuration.md is out of date with ConfigRegistry; regenerate it: " + ConfigDoc.REGENERATE);
    }

    @Test
    void everyKeyOnceWithADescriptionAndADefaultWithinItsBounds() {
        Set<String> names = new HashSet<>();
        for (ConfigKey k : ConfigRegistry.keys()) {
            assertTrue(names.add(k.name()), "twice: " + k.name());
            assertTrue(k.name().matches("[a-z][a-z0-9_]*"), k.name());
            assertTrue(!k.description().isBlank(), "no description: " + k.name());
            if (k.isNumber()) {
                double d = Double.parseDouble(k.defaultValue());
                assertTrue(d >= k.min() && d <= k.max(), "default out of bounds: " + k.name());
            }
        }
        assertEquals(names, AppConfig.DEFAULTS.keySet(), "AppConfig accepts exactly the registry's keys");
        // The defaults are a valid configuration.
        AppConfig.load(java.util.List.of(), java.util.Map.of());
    }
}
