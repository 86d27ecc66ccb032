package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Test;

/**
 * The office's e-mail and postal address are not public: contact answers give no example address to write to, point
 * to the call and the technopark's notices, and offer staff.
 */
class ContactAnswersTest {

    @Test
    void contactQuestionsGetNoExampleAddressButThePublishedSourcesAndStaff() {
        try (TestServer server = TestServer.start(Map.of())) {
            for (String question : List.of("담당자 메일 주소 있어요?", "문의처 알려주세요", "사무실 주소가 어디예요?")) {
                JsonNode r = TestServer.json(server.say(server.newConversation("ko"), question));
                String all = r.get("messages").toString();
                assertFalse(all.contains("@example") || all.contains("mailto:"), question + " -> an address to write to: " + all);
                assertFalse(all.contains("○○") || all.contains("2일 안에"), question + " -> a placeholder or promise: " + all);
                assertTrue(all.contains("djtp.or.kr") || all.contains("대전TP 누리집") || all.contains("공고문"), question + " -> " + all);
            }
            Conversation en = server.newConversation("en");
            String all = TestServer.json(server.say(en, "Could you give me the program team's e-mail?")).get("messages").toString();
            assertFalse(all.contains("@example") || all.contains("○○"), all);
            assertTrue(all.contains("e-mail") && all.contains("Talk to staff"), all);
        }
    }
}
