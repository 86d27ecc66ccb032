package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Issue 20 #8 over raw sockets: a request without {@code Host} got a 500 with a stack trace, {@code /api/v1/%zz} a
 * text/plain 400 and 60 lines of stack trace in the log, 414/431/conflicting Content-Length empty bodies, and a
 * client hanging up was logged as ERROR. Every protocol error is now a JSON error with a 4xx status, and a
 * client's fault is never an ERROR with a stack trace.
 */
class ProtocolErrorsTest {

    static TestServer server;
    static final ListAppender<ILoggingEvent> LOGS = new ListAppender<>();

    @BeforeAll
    static void start() {
        LOGS.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(LOGS);
        server = TestServer.start(Map.of());
    }

    @AfterAll
    static void stop() {
        server.close();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(LOGS);
    }

    @BeforeEach
    void clearLogs() {
        LOGS.list.clear();
    }

    record Answer(int status, String headers, JsonNode error) {
    }

    /** Sends raw bytes, reads the one answer (until the server closes or a quiet second passes). */
    static Answer raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(3000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got.write(buf, 0, n);
                    String sofar = got.toString(StandardCharsets.UTF_8);
                    int end = sofar.indexOf("\r\n\r\n");
                    if (end > 0 && sofar.endsWith("}}")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException | java.net.SocketException e) {
                // whatever arrived is the answer
            }
            String text = got.toString(StandardCharsets.UTF_8);
            // HTTP/1.0 when the request line itself could not be read (Netty cannot know the client's version).
            assertTrue(text.startsWith("HTTP/1."), "an HTTP answer: " + text);
            int split = text.indexOf("\r\n\r\n");
            String head = text.substring(0, split);
            String body = text.substring(split + 4);
            assertTrue(head.toLowerCase().contains("content-type: application/json"), head + "\n\n" + body);
            JsonNode json = JsonCodec.MAPPER.readTree(body);
            assertTrue(json.path("error").path("code").isTextual() && json.path("error").path("message").isTextual(), body);
            return new Answer(Integer.parseInt(text.substring(9, 12)), head, json.get("error"));
        }
    }

    @Test
    void aRequestWithoutHostIsA400InJson() throws Exception {
        Answer a = raw("GET /api/v1/conversations/abc/messages HTTP/1.1\r\n\r\n");
        assertEquals(400, a.status());
        assertNoErrorsLogged();
    }

    @Test
    void aBadPercentEscapeIsA400InJsonWithoutAStackTrace() throws Exception {
        Answer a = raw("GET /api/v1/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(400, a.status());
        assertEquals("bad_request", a.error().get("code").asText());
        assertNoErrorsLogged();
        assertTrue(LOGS.list.stream().noneMatch(e -> e.getThrowableProxy() != null), "no stack trace: " + LOGS.list);
    }

    @Test
    void aTooLongUriIs414InJson() throws Exception {
        Answer a = raw("GET /api/v1/" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n");
        assertEquals(414, a.status());
        assertEquals("uri_too_long", a.error().get("code").asText());
    }

    @Test
    void tooLargeHeadersAre431InJson() throws Exception {
        Answer a = raw("GET /api/v1/openapi.yaml HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n");
        assertEquals(431, a.status());
        assertEquals("headers_too_large", a.error().get("code").asText());
    }

    @Test
    void conflictingContentLengthsAre400InJson() throws Exception {
        Answer a = raw("POST /api/v1/conversations HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nContent-Length: 12\r\n\r\n{}");
        assertEquals(400, a.status());
        assertFalse(a.error().get("message").asText().isBlank());
    }

    @Test
    void aClientHangingUpIsNoError() throws Exception {
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket("127.0.0.1", server.port())) {
                s.getOutputStream().write(("POST /api/v1/conversations HTTP/1.1\r\nHost: localhost\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"locale\":").getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.setSoLinger(true, 0); // a reset, as a browser tab closed mid-upload sends
            }
        }
        Thread.sleep(500);
        assertNoErrorsLogged();
    }

    private static void assertNoErrorsLogged() throws InterruptedException {
        Thread.sleep(200);
        List<ILoggingEvent> errors = LOGS.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR)).toList();
        assertEquals(List.of(), errors.stream().map(e -> e.getLoggerName() + ": " + e.getFormattedMessage()).toList());
    }
}
