package kr.daejeon.battery.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    @Test
    void defaultsNeedNoSetup() {
        AppConfig c = AppConfig.load(List.of(), Map.of());
        assertEquals(8080, c.port());
        assertNull(c.redisUrl());
        assertEquals(Duration.ofMinutes(30), c.sessionTtl());
        assertEquals("Asia/Seoul", c.timeZone().getId());
        assertEquals(2000, c.maxMessageChars());
    }

    @Test
    void fileThenEnvironmentThenCommandLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, "port: 9000\nsession_ttl_minutes: 10\nmax_message_chars: 500\n");
        AppConfig c = AppConfig.load(List.of("--config", file.toString(), "--port", "9100"),
                Map.of("SESSION_TTL_MINUTES", "20", "REDIS_URL", "redis://localhost:6379"));
        assertEquals(9100, c.port());
        assertEquals(Duration.ofMinutes(20), c.sessionTtl());
        assertEquals(500, c.maxMessageChars());
        assertEquals("redis://localhost:6379", c.redisUrl());
    }

    @Test
    void allProblemsAreReportedTogether(@TempDir Path dir) {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of(
                "PORT", "eighty", "REDIS_URL", "http://x", "SESSION_TTL_MINUTES", "0", "TIME_ZONE", "Mars/Base",
                "CLASSIFIER_THRESHOLD", "2", "INTENTS_DIR", dir.resolve("missing").toString())));
        assertEquals(6, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("PORT must be a whole number"));
        assertTrue(e.getMessage().contains("REDIS_URL must start with redis://"));
        assertTrue(e.getMessage().contains("INTENTS_DIR: directory not found"));
    }

    @Test
    void unknownKeysAreErrorsNotSilentlyIgnored(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, "prot: 9000\n");
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(List.of("--config", file.toString()),
                Map.of()));
        assertTrue(e.getMessage().contains("unknown key 'prot'"));
        assertThrows(ConfigException.class, () -> AppConfig.load(List.of("--prot", "1"), Map.of()));
    }
}
