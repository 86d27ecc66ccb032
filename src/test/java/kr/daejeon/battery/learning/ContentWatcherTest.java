package kr.daejeon.battery.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kr.daejeon.battery.support.TestContent;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** With content watching on, a plain edit of intents/ is picked up and retrained without a restart; a broken edit is not. */
class ContentWatcherTest {

    static final String QUESTION = "장비 공동활용 가능한가요";

    @Test
    void plainFileEditsAreRetrainedAndBrokenOnesIgnored() throws Exception {
        Path intents = TestContent.intentsCopy();
        try (TestServer server = TestServer.start(Map.of("INTENTS_DIR", intents.toString(), "CONTENT_WATCH_SECONDS", "1",
                "RATE_LIMIT_PER_MINUTE", "100000", "CONVERSATION_RATE_LIMIT_PER_MINUTE", "100000"))) {
            Conversation c = server.newConversation("ko");
            assertEquals("fallback", intentOf(server, c));

            // A broken file first: reported, the current model stays and keeps answering.
            Path broken = intents.resolve("zz_broken.yaml");
            Files.writeString(broken, "intent: [unclosed\n");
            Thread.sleep(2500);
            assertEquals("fallback", intentOf(server, c));
            Files.delete(broken);

            Path file = intents.resolve("industry_network.yaml");
            String text = Files.readString(file);
            Files.writeString(file, text.replaceFirst("\nko:\n", "\nko:\n  - " + QUESTION + "\n"));
            String intent = "fallback";
            long deadline = System.currentTimeMillis() + 30_000;
            while (!intent.equals("industry_network") && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                intent = intentOf(server, c);
            }
            assertEquals("industry_network", intent, "the edit was learned without a restart");
        }
    }

    static String intentOf(TestServer server, Conversation c) {
        return TestServer.json(server.say(c, QUESTION)).get("intent").asText();
    }
}
