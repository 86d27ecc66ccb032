package kr.daejeon.battery.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The logs of a real turn, in both formats: JSON lines carry the request and conversation ids, and
 * no format ever shows the phone number, e-mail or business registration number a customer typed,
 * even at DEBUG where the message text itself is logged.
 */
class StructuredLogTest {

    static final String SECRET_TEXT = "제 번호는 010-9876-5432, 메일 ceo@battery-startup.kr, 사업자번호 314-86-12345 입니다";

    @Test
    void jsonLinesCarryCorrelationIdsAndNoPersonalData() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = context.getLogger("kr.daejeon.battery");
        Level before = ours.getLevel();
        ByteArrayOutputStream jsonOut = new ByteArrayOutputStream();
        ByteArrayOutputStream textOut = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> json = appender(context, jsonOut, new JsonLogEncoder());
        MaskingPatternLayout layout = new MaskingPatternLayout();
        layout.setContext(context);
        layout.setPattern("%level %X{requestId:--} %msg%n");
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> textEncoder = new LayoutWrappingEncoder<>();
        textEncoder.setLayout(layout);
        OutputStreamAppender<ILoggingEvent> text = appender(context, textOut, textEncoder);
        ours.setLevel(Level.DEBUG);
        root.addAppender(json);
        root.addAppender(text);
        try (TestServer server = TestServer.start(Map.of())) {
            Conversation c = server.newConversation("ko");
            HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/conversations/" + c.id() + "/messages"))
                    .header("Authorization", "Bearer " + c.token()).header("Content-Type", "application/json")
                    .header("X-Request-Id", "req-test-0001")
                    .POST(HttpRequest.BodyPublishers.ofString(JsonCodec.write(Map.of("text", SECRET_TEXT)))));
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("req-test-0001", r.headers().firstValue("X-Request-Id").orElse(""));
            assertTrue(server.get("/health", null).headers().firstValue("X-Request-Id").orElse("").length() >= 8,
                    "every response gets a request id");
        } finally {
            root.detachAppender(json);
            root.detachAppender(text);
            ours.setLevel(before);
        }

        List<JsonNode> lines = new ArrayList<>();
        for (String line : jsonOut.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(JsonCodec.MAPPER.readTree(line));
        }
        JsonNode turn = lines.stream().filter(l -> l.get("message").asText().startsWith("turn conversation=")
                && l.get("message").asText().contains("intent=")).findFirst().orElse(null);
        assertNotNull(turn, jsonOut.toString(StandardCharsets.UTF_8));
        assertEquals("req-test-0001", turn.path("requestId").asText());
        assertTrue(turn.path("conversationId").asText().length() > 10, turn.toString());
        assertTrue(turn.has("@timestamp") && turn.has("level") && turn.has("logger"), turn.toString());
        JsonNode debug = lines.stream().filter(l -> l.get("message").asText().contains(" text=")).findFirst().orElseThrow();
        assertTrue(debug.get("message").asText().contains("[phone]") && debug.get("message").asText().contains("[email]")
                && debug.get("message").asText().contains("[brn]"), debug.toString());

        String all = jsonOut.toString(StandardCharsets.UTF_8) + textOut.toString(StandardCharsets.UTF_8);
        for (String personal : new String[] {"010-9876-5432", "ceo@battery-startup.kr", "314-86-12345", "9876-5432"}) {
            assertTrue(!all.contains(personal), "leaked " + personal);
        }
        assertTrue(textOut.toString(StandardCharsets.UTF_8).contains("req-test-0001"), "text lines carry the request id too");
    }

    @Test
    void logFormatJsonReplacesTheTextAppender() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var text = root.getAppender(LogFormat.TEXT_APPENDER);
        assertNotNull(text);
        try {
            LogFormat.apply("text");
            assertNotNull(root.getAppender(LogFormat.TEXT_APPENDER));
            LogFormat.apply("json");
            assertNotNull(root.getAppender("JSON"));
            assertEquals(null, root.getAppender(LogFormat.TEXT_APPENDER));
        } finally {
            var json = root.getAppender("JSON");
            if (json != null) {
                root.detachAppender(json);
                json.stop();
            }
            if (root.getAppender(LogFormat.TEXT_APPENDER) == null) {
                root.addAppender(text);
            }
        }
    }

    private static OutputStreamAppender<ILoggingEvent> appender(LoggerContext context, ByteArrayOutputStream out,
                                                               ch.qos.logback.core.encoder.Encoder<ILoggingEvent> encoder) {
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> a = new OutputStreamAppender<>();
        a.setContext(context);
        a.setEncoder(encoder);
        a.setOutputStream(out);
        a.start();
        return a;
    }
}
