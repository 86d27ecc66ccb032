package kr.daejeon.battery.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;

/** The guided eligibility pre-check over the chat API, with the public rules in faq/eligibility.yaml. */
class EligibilityCheckTest {

    static final MutableClock CLOCK = new MutableClock(OffsetDateTime.parse("2026-11-25T10:00:00+09:00").toInstant());

    static JsonNode say(TestServer s, Conversation c, String text) {
        JsonNode r = TestServer.json(s.say(c, text));
        assertTrue(r.has("messages"), r.toString());
        return r;
    }

    static JsonNode last(JsonNode turn) {
        JsonNode m = turn.get("messages");
        return m.get(m.size() - 1);
    }

    static List<String> quickReplies(JsonNode message) {
        List<String> out = new java.util.ArrayList<>();
        message.path("quickReplies").forEach(q -> out.add(q.asText()));
        return out;
    }

    @Test
    void koreanWithQuickRepliesEndsWithTracksClausesSourcesAndDisclaimer() {
        try (TestServer s = TestServer.start(Map.of(), CLOCK)) {
            Conversation c = s.newConversation("ko");
            JsonNode faq = say(s, c, "우리 회사도 신청할 수 있나요?");
            assertEquals("eligibility", faq.get("intent").asText());
            assertEquals("자격 사전 확인", quickReplies(last(faq)).get(0), "the check is offered, the answer is there anyway");

            JsonNode q1 = say(s, c, "자격 사전 확인");
            assertTrue(last(q1).get("text").asText().startsWith("1/5."), q1.toString());
            assertTrue(quickReplies(last(q1)).containsAll(List.of("본사", "공장", "대전 이전 예정", "대전에 없음", "그만하기")));
            assertTrue(last(say(s, c, "공장")).get("text").asText().startsWith("2/5."), "a tapped button needs no echo");
            assertTrue(last(say(s, c, "중소기업")).get("text").asText().startsWith("3/5."));
            assertTrue(last(say(s, c, "셀")).get("text").asText().startsWith("4/5."));
            assertTrue(last(say(s, c, "30~99명")).get("text").asText().startsWith("5/5."));
            JsonNode result = last(say(s, c, "50억~100억 원 미만"));
            String text = result.get("text").asText();
            assertTrue(text.contains("선도기업: 사업단 확인이 필요합니다") && text.contains("[예시] 성장 요건의 기준값은 공개되지 않았어요") && text.contains("유망기업: 해당 가능성이 있습니다"), text);
            assertTrue(text.contains("✓ 대전에 본사·공장·연구소·지사 중 하나 이상 — 2026년 공고 (전자신문·뉴스1 2026-01-28)"), text);
            assertTrue(text.contains("✓ [예시] 상시 근로자 30명 이상") && text.contains("선정 결정이 아닙니다"), text);
            assertTrue(quickReplies(result).containsAll(List.of("상담원 연결", "처음부터 다시")), quickReplies(result).toString());
            // Start over works after the end, too.
            assertTrue(last(say(s, c, "처음부터 다시")).get("text").asText().startsWith("1/5."));
        }
    }

    @Test
    void englishFreeTextIsEchoedAndConfirmed() {
        try (TestServer s = TestServer.start(Map.of(), CLOCK)) {
            Conversation c = s.newConversation("en");
            say(s, c, "Check eligibility");
            String echo = last(say(s, c, "We have a factory in Yuseong")).get("text").asText();
            assertEquals("1/5. I understood that you have a plant in Yuseong-gu, Daejeon. Is that right?", echo);
            assertTrue(last(say(s, c, "yes")).get("text").asText().startsWith("2/5."));
            assertTrue(last(say(s, c, "we are a 12-person startup")).get("text").asText().contains("you are a startup"));
            assertTrue(last(say(s, c, "yes")).get("text").asText().startsWith("3/5."));
            say(s, c, "we make cathode materials");
            String known = last(say(s, c, "yes")).get("text").asText();
            assertEquals("4/5. From what you said before, I understood that you have 12 employees. Is that right?", known);
            assertTrue(last(say(s, c, "yes")).get("text").asText().startsWith("5/5."));
            say(s, c, "sales of 800 million won");
            String result = last(say(s, c, "yes")).get("text").asText();
            assertTrue(result.contains("Promising company: you may fit"), result);
            assertTrue(result.contains("Leading company: the program office must confirm") && result.contains("✗ [Example] 30 or more employees"), result);
            assertTrue(result.contains("not a selection decision"), result);
            assertTrue(!result.contains("neither track"), "a track fits: " + result);
        }
    }

    @Test
    void aCompanyOutsideDaejeonFitsNeitherTrack() {
        try (TestServer s = TestServer.start(Map.of(), CLOCK)) {
            Conversation c = s.newConversation("ko");
            say(s, c, "자격 사전 확인");
            String result = last(say(s, c, "대전에 없음")).get("text").asText();
            assertTrue(result.contains("어느 트랙에도 해당하지 않을 가능성이 큽니다") && result.contains("✗ 대전에 본사·공장·연구소·지사 중 하나 이상"),
                    result);
            say(s, c, "처음부터 다시");
            assertEquals("1/5. 대전에는 사업장이 없고 서울에 있다고 이해했어요. 맞나요?", last(say(s, c, "서울에 본사가 있어요")).get("text").asText(),
                    "another city is never a site in Daejeon");
            assertTrue(last(say(s, c, "네")).get("text").asText().contains("어느 트랙에도 해당하지 않을 가능성이 큽니다"));
        }
    }

    @Test
    void yesToThePersonOfferedAfterAnOpenResultHandsOver() {
        try (TestServer s = TestServer.start(Map.of(), CLOCK)) {
            Conversation c = s.newConversation("en");
            say(s, c, "Check eligibility");
            JsonNode result = null;
            for (String tap : List.of("Planning to move to Daejeon", "SME", "Materials", "Under 10", "Under 1 billion won")) {
                result = say(s, c, tap);
            }
            assertTrue(last(result).get("text").asText().endsWith("Shall I connect you with a member of staff?"), result.toString());
            JsonNode yes = say(s, c, "yes");
            assertTrue(yes.get("handoff").asBoolean(), yes.toString());
        }
    }

    @Test
    void startOverInTheConversationForgetsTheSelfIntroduction() {
        try (TestServer s = TestServer.start(Map.of(), CLOCK)) {
            Conversation c = s.newConversation("ko");
            say(s, c, "안녕하세요, 저희는 유성구에 공장이 있는 분리막 업체예요");
            assertTrue(last(say(s, c, "자격 사전 확인")).get("text").asText().contains("앞서 말씀하신"));
            assertTrue(last(say(s, c, "처음부터 다시")).get("text").asText().startsWith("1/5. 대전에 어떤 사업장이 있나요?"));
            say(s, c, "공장");
            assertTrue(last(say(s, c, "중소기업")).get("text").asText().startsWith("3/5. 이차전지 가치사슬에서 어느 분야인가요?"),
                    "the segment said before is asked, not assumed");
        }
    }

    @Test
    void unclearAnswersAreAskedAgainAndTheCheckCanBeStopped() {
        try (TestServer s = TestServer.start(Map.of(), CLOCK)) {
            Conversation c = s.newConversation("ko");
            say(s, c, "자격 사전 확인");
            JsonNode unclear = say(s, c, "음... 파란색이요");
            assertTrue(unclear.get("messages").get(0).get("text").asText().contains("이해하지 못했어요"), unclear.toString());
            assertTrue(last(unclear).get("text").asText().startsWith("1/5."), "the same question again");
            assertTrue(last(say(s, c, "그만하기")).get("text").asText().contains("멈췄습니다"));
            assertEquals("application_deadline", say(s, c, "신청 마감이 언제예요?").get("intent").asText(), "back to normal answers");
        }
    }

    @Test
    void worksOnTelegramWithButtons() throws Exception {
        try (FakePlatform telegram = new FakePlatform();
             TestServer s = TestServer.start(Map.of("TELEGRAM_BOT_TOKEN", "9:E", "TELEGRAM_SECRET_TOKEN", "eligibility-secret",
                     "TELEGRAM_API_BASE", telegram.baseUrl()), CLOCK)) {
            send(s, "{\"update_id\":31,\"message\":{\"message_id\":1,\"date\":1767225600,\"chat\":{\"id\":77,"
                    + "\"type\":\"private\"},\"text\":\"자격 사전 확인\"}}");
            FakePlatform.Call intro = telegram.next(5000);
            FakePlatform.Call q1 = telegram.next(5000);
            assertTrue(intro.body().get("text").asText().contains("[예시]"), intro.body().toString());
            assertTrue(q1.body().get("text").asText().startsWith("1/5."), q1.body().toString());
            assertTrue(q1.body().get("reply_markup").toString().contains("\"callback_data\":\"공장\""), q1.body().toString());
            // Tapping the button sends its data back as a callback query.
            send(s, "{\"update_id\":32,\"callback_query\":{\"id\":\"cb1\",\"data\":\"공장\",\"message\":{\"message_id\":2,"
                    + "\"chat\":{\"id\":77,\"type\":\"private\"}}}}");
            List<FakePlatform.Call> calls = List.of(telegram.next(5000), telegram.next(5000));
            assertTrue(calls.stream().anyMatch(call -> call.body().path("text").asText().startsWith("2/5.")), calls.toString());
        }
    }

    static void send(TestServer s, String update) {
        assertEquals(200, s.send(java.net.http.HttpRequest.newBuilder(s.uri("/channels/telegram/webhook"))
                .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", "eligibility-secret")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(update))).statusCode());
    }

    @Test
    void theCheckSurvivesMovingToAnotherNodeAndItsAnswersGoWithAHandoff() {
        Map<String, String> env = new HashMap<>(Map.of("REDIS_URL", TestRedis.shared().url(), "REDIS_KEY_PREFIX", "el" + Tokens.random(6),
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString(), "BUSINESS_HOURS", "MON-SUN 00:00-24:00"));
        Conversation c;
        try (TestServer a = TestServer.start(env, CLOCK)) {
            c = a.newConversation("ko");
            say(a, c, "자격 사전 확인");
            assertTrue(last(say(a, c, "유성구에 공장 있어요")).get("text").asText().endsWith("맞나요?"));
        }
        try (TestServer b = TestServer.start(env, CLOCK)) {
            assertTrue(last(say(b, c, "네")).get("text").asText().startsWith("2/5."), "the echo waited on the other node");
            assertTrue(last(say(b, c, "중소기업")).get("text").asText().startsWith("3/5."), "continues where it was");
            JsonNode handoff = say(b, c, "상담원 연결");
            assertTrue(handoff.get("handoff").asBoolean(), handoff.toString());
            TestStaff.Login kim = TestStaff.login(b, "kim");
            String ticket = TestServer.json(kim.get("/staff/api/tickets")).get("tickets").get(0).get("ticket").get("id").asText();
            JsonNode notes = TestServer.json(kim.get("/staff/api/tickets/" + ticket)).get("notes");
            assertEquals("자격 사전 확인 답변: location=공장 · company_type=중소기업", notes.get(0).get("text").asText(), notes.toString());
        }
    }
}
