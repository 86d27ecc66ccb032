package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, fourth round: the faults an outside reading of casual chat found, through the public API —
 * 반말 and very short money questions, the which-track question with the company's numbers, "can we apply?"
 * right after a track's overview, and "모름" to the pre-check's location question.
 */
class HowCompaniesWriteTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-07T02:00:00Z")); // Monday 11:00 KST
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(Map.of(), CLOCK);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static JsonNode turn(Conversation c, String text) {
        var r = server.say(c, text);
        assertEquals(200, r.statusCode(), r.body());
        return TestServer.json(r);
    }

    static String texts(JsonNode reply) {
        StringBuilder b = new StringBuilder();
        reply.get("messages").forEach(m -> b.append(m.get("text").asText()).append('\n'));
        return b.toString();
    }

    @Test
    void aCasualOrVeryShortMoneyQuestionGetsTheAmounts() {
        for (String q : List.of("지원금 얼마야", "얼마줘요?", "얼마 받을 수 있어?", "얼마 줘요?", "최대 얼마까지 돼?")) {
            JsonNode r = turn(server.newConversation("ko"), q);
            assertEquals("support_benefits", r.get("intent").asText(), q + " → " + r);
            assertTrue(texts(r).contains("1억 2천만 원") && texts(r).contains("3천만 원"), q + " → " + texts(r));
        }
        JsonNode en = turn(server.newConversation("en"), "how much do we get?");
        assertEquals("support_benefits", en.get("intent").asText(), en.toString());
    }

    @Test
    void theWhichTrackQuestionWithTheCompanysNumbersGetsTheTrackChoice() {
        for (String q : List.of("직원 12명 매출 8억인데 선도로 넣을까요 유망으로?", "매출 5억 정도면 어느 트랙 넣어야 돼요?")) {
            JsonNode r = turn(server.newConversation("ko"), q);
            assertEquals("track_which_for_me", r.get("answerId").asText(), q + " → " + r);
        }
        JsonNode en = turn(server.newConversation("en"), "we have 40 staff and 6bn revenue, leading or promising?");
        assertEquals("track_which_for_me", en.get("answerId").asText(), en.toString());
    }

    @Test
    void canWeApplyAfterATracksOverviewIsAboutEligibility() {
        for (String[] d : List.of(new String[] {"선도기업이 뭐예요?", "저희도 신청할 수 있나요?"},
                new String[] {"유망기업 트랙 설명해 주세요", "우리도 해당돼요?"},
                new String[] {"What is the leading company track?", "can we apply for it?"})) {
            Conversation c = server.newConversation(d[0].chars().anyMatch(ch -> ch >= 0xAC00) ? "ko" : "en");
            turn(c, d[0]);
            JsonNode r = turn(c, d[1]);
            assertEquals("eligibility", r.get("intent").asText(), d[1] + " → " + r);
        }
    }

    @Test
    void notKnowingTheAnswerToTheLocationQuestionMovesTheCheckOn() {
        for (String unsure : List.of("모름", "잘 모르겠어요", "not sure")) {
            boolean en = unsure.startsWith("not");
            Conversation c = server.newConversation(en ? "en" : "ko");
            JsonNode first = turn(c, en ? "Check eligibility" : "자격 사전 확인");
            assertTrue(texts(first).contains("1/5"), texts(first));
            JsonNode r = turn(c, unsure);
            assertEquals("eligibility", r.get("intent").asText(), r.toString());
            assertFalse(r.get("handoff").asBoolean(), r.toString());
            assertTrue(texts(r).contains("2/5"), unsure + " → " + texts(r));
        }
    }
}
