package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How the assistant behaves across turns, driven through the public API at a pinned clock. */
class ConversationFlowTest {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-06T01:00:00Z"));
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

    static List<String> quickReplies(JsonNode reply) {
        List<String> out = new ArrayList<>();
        reply.get("messages").get(0).get("quickReplies").forEach(q -> out.add(q.asText()));
        return out;
    }

    @Test
    void answersInTheLanguageOfEachMessage() {
        Conversation c = server.newConversation("ko");
        JsonNode en = turn(c, "How do I apply?");
        assertEquals("application_process", en.get("intent").asText());
        String enText = en.get("messages").get(0).get("text").asText();
        assertTrue(enText.chars().noneMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3), enText);
        assertTrue(quickReplies(en).stream().allMatch(q -> q.chars().noneMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3)), en.toString());
        JsonNode ko = turn(c, "신청 방법 알려주세요");
        assertTrue(ko.get("messages").get(0).get("text").asText().contains("신청"), ko.toString());
        assertTrue(quickReplies(ko).stream().allMatch(q -> q.chars().anyMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3)), ko.toString());
        JsonNode mixed = turn(c, "deadline이 언제예요?");
        assertEquals("application_deadline", mixed.get("intent").asText());
        assertTrue(mixed.get("messages").get(0).get("text").asText().contains("공고"), mixed.toString());
    }

    @Test
    void deadlineAnswerFollowsTheClock() {
        // The newest public call (2026) ran from 2026-01-28 to 2026-02-12; its status follows the clock.
        // A fresh conversation each time: a jump of days expires idle ones, as it should.
        CLOCK.set(Instant.parse("2026-02-02T01:00:00Z"));
        Conversation c = server.newConversation("ko");
        String open = turn(c, "접수 마감이 언제예요?").get("messages").get(0).get("text").asText();
        assertTrue(open.contains("마감까지 D-10") && open.contains("2026년 2월 12일"), open);
        CLOCK.set(Instant.parse("2026-12-06T01:00:00Z"));
        c = server.newConversation("ko");
        String closed = turn(c, "접수 마감이 언제예요?").get("messages").get(0).get("text").asText();
        assertTrue(closed.contains("마감되었습니다") && !closed.contains("D-"), closed);
        CLOCK.set(Instant.parse("2026-01-20T00:00:00Z"));
        c = server.newConversation("en");
        String before = turn(c, "When is the application deadline?").get("messages").get(0).get("text").asText();
        assertTrue(before.contains("has not started yet"), before);
        CLOCK.set(Instant.parse("2026-12-06T01:00:00Z"));
    }

    @Test
    void tappingAQuickReplyAnswersThatTopicExactly() {
        Conversation c = server.newConversation("ko");
        JsonNode r = turn(c, "제출 서류");
        assertEquals("required_documents", r.get("intent").asText());
        assertEquals(1.0, r.get("confidence").asDouble());
    }

    @Test
    void aPersonIsOfferedOnTheThirdMissChitChatIncluded() {
        Conversation c = server.newConversation("ko");
        JsonNode first = turn(c, "전기차 보조금은 얼마나 받을 수 있나요?");
        assertEquals("fallback", first.get("intent").asText());
        assertFalse(quickReplies(first).contains("상담원 연결"));
        // Chit-chat is a miss too: the company is not getting anywhere either way.
        JsonNode outside = turn(c, "대전 맛집 추천해 주세요");
        assertEquals("fallback", outside.get("intent").asText());
        assertFalse(quickReplies(outside).contains("상담원 연결"), outside.toString());
        JsonNode third = turn(c, "ㅋㅋㅋ");
        assertEquals("fallback", third.get("intent").asText());
        assertTrue(quickReplies(third).contains("상담원 연결"), third.toString());
        assertFalse(third.get("handoff").asBoolean());
        // A successful answer resets the count.
        turn(c, "신청 자격이 어떻게 되나요?");
        turn(c, "오늘 날씨 어때요?");
        assertFalse(quickReplies(turn(c, "이거 어떻게 해요?")).contains("상담원 연결"));
    }

    @Test
    void whileWaitingForStaffAConfidentFaqQuestionIsAnsweredAndTheTicketStaysOpen() {
        Conversation c = server.newConversation("ko");
        JsonNode r = turn(c, "상담원 연결해 주세요");
        assertEquals("human_handoff", r.get("intent").asText());
        assertTrue(r.get("handoff").asBoolean());
        assertTrue(r.get("messages").get(0).get("text").asText().contains("담당자"));
        JsonNode later = turn(c, "서류 뭐 필요해요?");
        assertTrue(later.get("handoff").asBoolean(), "still waiting for staff");
        JsonNode messages = later.get("messages");
        assertEquals(2, messages.size(), later.toString());
        assertTrue(messages.get(0).has("answerId"), later.toString());
        assertFalse(quickReplies(later).contains("상담원 연결"), "already waiting for a person");
        assertTrue(messages.get(1).get("text").asText().contains("담당자"), later.toString());
        // What the FAQ does not answer is for staff alone: no guess, only an acknowledgement that it is passed on.
        JsonNode unclear = turn(c, "음 그렇군요");
        assertTrue(unclear.get("handoff").asBoolean());
        assertEquals(1, unclear.get("messages").size(), unclear.toString());
        assertTrue(unclear.get("messages").get(0).get("text").asText().startsWith("메시지를 담당자에게 전달했어요"),
                "the bot must not guess over staff: " + unclear);
        JsonNode transcript = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()));
        JsonNode stored = transcript.get("messages");
        assertEquals("음 그렇군요", stored.get(stored.size() - 2).get("text").asText());
    }

    @Test
    void anExampleNumberGetsNoCallButton() {
        Conversation c = server.newConversation("ko");
        JsonNode r = turn(c, "문의 전화번호 알려주세요");
        String text = r.get("messages").get(0).get("text").asText();
        assertTrue(text.contains("[예시]") && text.contains("042-000-0000"), r.toString());
        r.get("messages").forEach(m -> m.path("links").forEach(l ->
                assertFalse(l.get("url").asText().startsWith("tel:"), "a call button dials the example number: " + l)));
    }

    @Test
    void handoffQuickReplyLabelWorksInEnglish() {
        Conversation c = server.newConversation("en");
        JsonNode r = turn(c, "Talk to staff");
        assertEquals("human_handoff", r.get("intent").asText());
        assertTrue(r.get("handoff").asBoolean());
        assertTrue(r.get("messages").get(0).get("text").asText().contains("staff"));
    }

    @Test
    void greetingAndGoodbyeAreAnswered() {
        Conversation c = server.newConversation("ko");
        assertEquals("greeting", turn(c, "안녕하세요").get("intent").asText());
        assertEquals("goodbye", turn(c, "감사합니다").get("intent").asText());
        assertEquals("goodbye", turn(c, "thank you so much").get("intent").asText());
    }

    @Test
    void emojiOnlyKeepsTheConversationLanguage() {
        Conversation c = server.newConversation("en");
        JsonNode r = turn(c, "👍👍");
        String text = r.get("messages").get(0).get("text").asText();
        assertTrue(text.chars().noneMatch(ch -> ch >= 0xAC00 && ch <= 0xD7A3), text);
    }
}
