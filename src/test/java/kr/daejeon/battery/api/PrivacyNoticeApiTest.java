package kr.daejeon.battery.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Test;

/** The privacy notice comes from the server, stating the retention period it is configured to enforce. */
class PrivacyNoticeApiTest {

    @Test
    void theNoticeStatesTheConfiguredRetentionInEitherLanguage() {
        try (TestServer server = TestServer.start(Map.of("RETENTION_DAYS", "45"))) {
            var ko = server.get("/api/v1/privacy-notice", null);
            assertEquals(200, ko.statusCode(), ko.body());
            JsonNode notice = TestServer.json(ko);
            assertEquals(45, notice.get("retentionDays").asInt());
            assertEquals("ko", notice.get("locale").asText());
            assertTrue(notice.get("items").toString().contains("45일"), notice.toString());
            assertTrue(notice.get("version").asText().matches("[A-Za-z0-9._-]{1,40}"), "a version a consent can name");

            JsonNode en = TestServer.json(server.get("/api/v1/privacy-notice?lang=en", null));
            assertTrue(en.get("items").toString().contains("45 days"), en.toString());
            assertEquals(notice.get("version"), en.get("version"));

            var bad = server.get("/api/v1/privacy-notice?lang=fr", null);
            assertEquals(400, bad.statusCode());
            assertEquals("invalid_locale", TestServer.json(bad).get("error").get("code").asText());
        }
    }
}
