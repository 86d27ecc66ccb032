package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.SseClient;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Found by the fault suite (docs/faults.md): the request-body deadline ({@code ConnectionGuard}) was armed for every
 * request the router had not yet seen end. A GET on the Redis-backed server does not read as ended there, so every
 * event stream met the 408 timer once the read deadline passed: "Response head already sent" with a stack trace at
 * ERROR, once per stream (and a plain GET answered after the deadline would have been turned into a 408).
 */
class StreamReadDeadlineTest {

    @Test
    void aStreamOpenLongerThanTheReadDeadlineKeepsDeliveringAndLogsNoError() throws Exception {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try (TestServer server = TestServer.start(Map.of("REDIS_URL", TestRedis.shared().url(),
                "REDIS_KEY_PREFIX", "streamdeadline", "REQUEST_READ_TIMEOUT_SECONDS", "1"))) {
            Conversation c = server.newConversation("ko");
            try (SseClient stream = new SseClient(server.uri("/api/v1/conversations/" + c.id() + "/events"), c.token(), null)) {
                assertEquals(200, stream.status());
                assertEquals(1, stream.next(5000).id(), "the greeting, replayed");
                Thread.sleep(2500); // past the 1 s read deadline
                assertEquals(200, server.say(c, "신청 방법 알려주세요").statusCode());
                assertEquals(2, stream.next(5000).id(), "the stream still delivers");
            }
            List<String> errors = logs.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                    .map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : ": " + e.getThrowableProxy().getMessage()))
                    .toList();
            assertEquals(List.of(), errors);
        } finally {
            root.detachAppender(logs);
        }
    }
}
