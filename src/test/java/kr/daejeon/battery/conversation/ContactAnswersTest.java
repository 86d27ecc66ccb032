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
            for (String question : List.of("담당자 메일 주소 있어요?", "문의처 알려주세요", "사무실 주소가 어디예요?",
                    "문의 남겼는데 언제 연락 와요?", "영어로 상담 가능해요?", "담당자 정보 수정은 어디서 해요?")) {
                JsonNode r = TestServer.json(server.say(server.newConversation("ko"), question));
                String all = r.get("messages").toString();
                assertFalse(all.contains("@example") || all.contains("mailto:"), question + " -> an address to write to: " + all);
                assertFalse(all.contains("○○") || all.contains("2일 안에"), question + " -> a placeholder or promise: " + all);
                assertTrue(all.contains("djtp.or.kr") || all.contains("대전TP 누리집") || all.contains("공고문"), question + " -> " + all);
            }
            for (String question : List.of("How long until I get a reply?", "Can I get advice in English?",
                    "Our contact person has changed. How do we update it?")) {
                String said = TestServer.json(server.say(server.newConversation("en"), question)).get("messages").toString();
                assertFalse(said.contains("[Example]") || said.contains("working days") || said.contains("by e-mail"), question + " -> " + said);
                assertTrue(said.contains("djtp.or.kr") && said.contains("Talk to staff"), question + " -> " + said);
            }
            Conversation en = server.newConversation("en");
            String all = TestServer.json(server.say(en, "Could you give me the program team's e-mail?")).get("messages").toString();
            assertFalse(all.contains("@example") || all.contains("○○"), all);
            assertTrue(all.contains("e-mail") && all.contains("Talk to staff"), all);
        }
    }
}
