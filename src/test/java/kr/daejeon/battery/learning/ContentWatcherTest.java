package kr.daejeon.battery.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import kr.daejeon.battery.support.TestContent;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/** With content watching on, plain edits of intents/ and faq/ are picked up without a restart; broken edits are not. */
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
            long deadline = System.currentTimeMillis() + 240_000; // training: tens of seconds, minutes on a busy CI machine
            while (!intent.equals("industry_network") && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                intent = intentOf(server, c);
            }
            assertEquals("industry_network", intent, "the edit was learned without a restart");
        }
    }

    @Test
    void plainEditsOfTheAnswersAreLoadedAndBrokenOnesIgnored() throws Exception {
        Path faq = TestContent.faqWith("application.yaml", "x", "x");
        try (TestServer server = TestServer.start(Map.of("FAQ_DIR", faq.toString(), "CONTENT_WATCH_SECONDS", "1",
                "RATE_LIMIT_PER_MINUTE", "100000", "CONVERSATION_RATE_LIMIT_PER_MINUTE", "100000"))) {
            Conversation c = server.newConversation("ko");
            assertTrue(answerTo(server, c).contains("다음 공고 일정은 아직 발표되지 않았습니다"));
            Path file = faq.resolve("application.yaml");
            String original = Files.readString(file);
            Files.writeString(file, original.replace("다음 공고 일정은 아직 발표되지 않았습니다", "다음 공고는 봄에 나옵니다. 일정은"));
            String answer = "";
            long deadline = System.currentTimeMillis() + 15_000;
            while (!answer.contains("다음 공고는 봄에 나옵니다") && System.currentTimeMillis() < deadline) {
                Thread.sleep(300);
                answer = answerTo(server, c);
            }
            assertTrue(answer.contains("다음 공고는 봄에 나옵니다"), "the edit is served without a restart: " + answer);

            // An edit that breaks the content (an entry without English) is refused; the last good content stays.
            Files.writeString(file, Files.readString(file).replace("    title: {ko: 접수 기간, en: Application period}",
                    "    title: {ko: 접수 기간}"));
            Thread.sleep(2500);
            assertTrue(answerTo(server, c).contains("다음 공고는 봄에 나옵니다"));
        }
    }

    static String answerTo(TestServer server, Conversation c) {
        return TestServer.json(server.say(c, "접수 기간")).get("messages").get(0).get("text").asText();
    }

    static String intentOf(TestServer server, Conversation c) {
        return TestServer.json(server.say(c, QUESTION)).get("intent").asText();
    }
}
