package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/**
 * How real companies write (issue 16) and the answer to the question that was asked (issue 17),
 * through the public API: openers, follow-ups, "네" to the bot's own question, two questions in one
 * message, question-level answers with their answerId, and "what is known + a person" when nothing fits.
 */
class DialogueTest {

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

    /** The reply to {@code then} in a new Korean conversation whose first message was {@code first}. */
    static JsonNode after(String first, String then) {
        Conversation c = server.newConversation("ko");
        turn(c, first);
        return turn(c, then);
    }

    static String text(JsonNode reply) {
        return reply.get("messages").get(0).get("text").asText();
    }

    @Test
    void aCompanyIntroducingItselfIsAnsweredOnItsQuestion() {
        Conversation c = server.newConversation("ko");
        JsonNode r = turn(c, "안녕하세요, 저희는 대덕구 배터리 회사인데요, 선도기업은 최대 얼마까지 지원돼요?");
        assertEquals("leading_company", r.get("intent").asText(), r.toString());
        assertEquals("leading_amount", r.get("answerId").asText(), r.toString());
        assertTrue(text(r).contains("1억 2천만 원"), text(r));
        JsonNode en = turn(server.newConversation("en"),
                "Hello, I'm calling from a cell maker in Daejeon. How much can a promising company get?");
        assertEquals("promising_amount", en.get("answerId").asText(), en.toString());
    }

    @Test
    void aShortFollowUpIsReadAgainstThePreviousQuestion() {
        Conversation c = server.newConversation("ko");
        assertEquals("leading_amount", turn(c, "선도기업은 얼마까지 지원돼요?").get("answerId").asText());
        JsonNode follow = turn(c, "유망기업은요?");
        assertTrue(text(follow).contains("3천만 원") && text(follow).contains("유망기업"), follow.toString());

        Conversation en = server.newConversation("en");
        turn(en, "How much does a promising company receive?");
        JsonNode and = turn(en, "and for leading companies?");
        assertEquals("leading_amount", and.get("answerId").asText(), and.toString());

        Conversation fax = server.newConversation("ko");
        turn(fax, "연락처 알려주세요");
        assertEquals("contact_fax", turn(fax, "팩스는요?").get("answerId").asText());
    }

    @Test
    void aDeadlineQuestionAfterATrainingAnswerIsAboutTheTrainingSignUp() {
        JsonNode r = after("인력양성 교육 어떤 과정이 있어요?", "마감은 언제예요?");
        assertEquals("training_enrollment", r.get("intent").asText(), r.toString());
        // The same words on their own are about the program's call.
        JsonNode alone = turn(server.newConversation("ko"), "마감은 언제예요?");
        assertEquals("application_deadline", alone.get("intent").asText(), alone.toString());
    }

    @Test
    void yesToTheBotsOwnOfferActsOnIt() {
        // Misses the assistant could not place (not chit-chat, which is told it is outside the program).
        Conversation c = server.newConversation("ko");
        for (String miss : List.of("이거 어떻게 해요?", "그거요", "저희 회사 상황이 좀 특이해서요")) {
            turn(c, miss);
        }
        JsonNode yes = turn(c, "네");
        assertEquals("human_handoff", yes.get("intent").asText(), yes.toString());
        assertTrue(yes.get("handoff").asBoolean());

        Conversation check = server.newConversation("ko");
        turn(check, "신청 자격이 어떻게 되나요?");
        JsonNode start = turn(check, "네 부탁해요");
        assertEquals("eligibility", start.get("intent").asText());
        assertTrue(start.get("messages").get(1).get("text").asText().contains("대전"), start.toString());

        Conversation no = server.newConversation("ko");
        for (String miss : List.of("이거 어떻게 해요?", "그거요", "저희 회사 상황이 좀 특이해서요")) {
            turn(no, miss);
        }
        JsonNode declined = turn(no, "아니요 괜찮아요");
        assertTrue(!declined.get("handoff").asBoolean() && text(declined).contains("알겠습니다"), declined.toString());
    }

    @Test
    void afterThePreCheckStartsYesAnswersItsQuestionNotAnEarlierOffer() {
        // A cold test: the bot offered a person, the company tapped the pre-check instead, and its "네" to the
        // check's first question handed the conversation to staff; after an offer of the check itself, "네"
        // started the check over again.
        for (String opener : List.of("저희는 대덕구 양극재 업체인데요, 우리 회사도 신청할 수 있나요?", "우리 회사도 신청할 수 있나요?")) {
            Conversation c = server.newConversation("ko");
            turn(c, opener);
            JsonNode first = turn(c, "자격 사전 확인");
            assertEquals("eligibility", first.get("intent").asText(), first.toString());
            JsonNode yes = turn(c, "네");
            assertFalse(yes.get("handoff").asBoolean(), yes.toString());
            assertEquals("eligibility", yes.get("intent").asText(), yes.toString());
            assertNotEquals(first.get("messages").toString(), yes.get("messages").toString(), "the check moved on");
        }
    }

    @Test
    void anAnswerThePreCheckDidNotUnderstandNeverHandsTheCompanyOver() {
        for (String[] path : List.of(new String[] {"자격 사전 확인", "대전 유성구에 본사 있어요", "중소기업이에요", "직원은 12명 정도"},
                new String[] {"자격 사전 확인", "양극재 소재", "매출 60억", "직원 40명"})) {
            Conversation c = server.newConversation("ko");
            for (String text : path) {
                JsonNode r = turn(c, text);
                assertFalse(r.get("handoff").asBoolean(), text + " -> " + r);
            }
        }
        // A clear request still reaches a person.
        Conversation c = server.newConversation("ko");
        turn(c, "자격 사전 확인");
        assertTrue(turn(c, "상담원 연결해 주세요").get("handoff").asBoolean());
    }

    @Test
    void aWholeQuestionAfterSoIsReadOnItsOwn() {
        // A cold test: after a documents question, "그럼 유망기업으로 하면 얼마 받을 수 있어요?" got the documents again.
        Conversation c = server.newConversation("ko");
        turn(c, "안녕하세요. 저희는 유성구에 있는 배터리 장비 회사이고 직원은 25명, 매출은 40억 정도입니다. 선도기업으로 "
                + "신청이 가능한지, 아니면 유망기업으로 해야 하는지 궁금합니다. 그리고 신청할 때 어떤 서류를 준비해야 하나요?");
        JsonNode r = turn(c, "그럼 유망기업으로 하면 얼마 받을 수 있어요?");
        assertEquals("promising_amount", r.get("answerId").asText(), r.toString());
        // A short continuation still continues.
        Conversation d = server.newConversation("ko");
        turn(d, "선도기업은 얼마까지 지원돼요?");
        assertTrue(text(turn(d, "그럼 유망기업은요?")).contains("3천만 원"));
    }

    @Test
    void aMessageWithTwoQuestionsGetsBothAnswers() {
        JsonNode r = turn(server.newConversation("ko"), "마감이 언제고 서류는 뭐 내요?");
        List<String> intents = new ArrayList<>();
        r.get("messages").forEach(m -> intents.add(m.get("intent").asText()));
        assertTrue(intents.contains("application_deadline") && intents.contains("required_documents"), r.toString());
    }

    @Test
    void theQuestionDecidesOverTheCompanysBackgroundAndABareQuestionContinuesTheTopic() {
        // Statements of background before the question ("…를 만듭니다", "공고 보고 연락드립니다") used to outweigh it.
        JsonNode r = turn(server.newConversation("ko"),
                "안녕하세요. 저희는 양극 바인더를 만듭니다. 이차전지 공고 보고 연락드립니다. 담당자 연락처가 어떻게 돼요?");
        assertEquals("contact", r.get("intent").asText(), r.toString());

        // "언제 해요?" on its own is out of scope; after the training courses it asks when they are.
        Conversation c = server.newConversation("ko");
        turn(c, "교육 과정 뭐 있어요?");
        assertEquals("training_schedule", turn(c, "언제 해요?").get("intent").asText());

        // Two things joined in one question get both answers.
        JsonNode both = turn(server.newConversation("ko"), "신청 기간이랑 제출 서류 알려주세요");
        List<String> intents = new ArrayList<>();
        both.get("messages").forEach(m -> intents.add(m.get("intent").asText()));
        assertTrue(intents.contains("application_deadline") && intents.contains("required_documents"), both.toString());
    }

    @Test
    void aQuestionAndARequestForStaffInOneMessageGetTheAnswerAndAPerson() {
        // The second part has no FAQ entry of its own (staff are not an answer): it used to throw, a 500.
        JsonNode r = turn(server.newConversation("ko"), "신청 방법 알려주세요. 그리고 담당자랑 직접 상담하고 싶어요");
        assertTrue(r.get("handoff").asBoolean(), r.toString());
        List<String> intents = new ArrayList<>();
        r.get("messages").forEach(m -> intents.add(m.get("intent").asText()));
        assertTrue(intents.contains("application_process") && intents.contains("human_handoff"), r.toString());
    }

    @Test
    void specificQuestionsGetTheirOwnAnswerNotTheTopicsParagraph() {
        Map<String, String> expected = Map.of(
                "지원금 나중에 갚아야 돼요?", "benefit_grant_or_loan",
                "원본 내야 해요?", "docs_originals_copies",
                "우편 접수 돼요?", "process_post_or_visit",
                "작년에 선정된 회사도 또 신청돼요?", "elig_past_recipient",
                "선도기업이랑 유망기업 차이가 뭐예요?", "tracks_compared");
        expected.forEach((question, answer) -> {
            JsonNode r = turn(server.newConversation("ko"), question);
            assertEquals(answer, r.get("answerId").asText(), question + " -> " + r);
            assertEquals("exact", r.get("answerMatch").asText(), question);
        });
    }

    @Test
    void theClosedCallIsNeverPresentedAsOpen() {
        JsonNode r = turn(server.newConversation("ko"), "신청 마감이 언제예요?");
        assertTrue(text(r).contains("마감되었습니다"), text(r));
        assertTrue(text(r).contains("djtp.or.kr") || text(r).contains("DIPS") || text(r).contains("dips"), text(r));
    }

    @Test
    void whenNoAnswerFitsTheReplySaysWhatIsKnownAndOffersAPerson() {
        // Specific questions under a clear topic that no curated answer covers: at least one of them must get
        // "what is known + a person" (not a confident wrong answer), and "네" then hands over.
        // (Office rent, once in this list, has its answer now: benefit_eligible_costs.)
        List<String> uncovered = List.of("협약할 때 이행보증보험 들어야 하나요?", "유망기업 선정 후에 대표자가 바뀌면 어떻게 되나요?",
                "제출 서류에 외국인 투자 신고서도 필요해요?", "교육 신청할 때 주차 등록도 같이 해야 하나요?");
        Conversation partial = null;
        for (String q : uncovered) {
            Conversation c = server.newConversation("ko");
            JsonNode r = turn(c, q);
            if ("partial".equals(r.path("answerMatch").asText())) {
                assertTrue(text(r).contains("담당자 확인이 필요") && r.get("messages").get(0).get("quickReplies").toString()
                        .contains("상담원 연결"), r.toString());
                partial = c;
                break;
            }
        }
        assertTrue(partial != null, "none of the uncovered questions got a partial answer");
        JsonNode yes = turn(partial, "네");
        assertTrue(yes.get("handoff").asBoolean(), yes.toString());
    }

    @Test
    void anAnswerFiledUnderAnotherTopicThanTheClassifierNamedIsStillFound() {
        // The classifier reads "출석 기준" as selection and "수강 확정은 언제" as the application deadline; the
        // answers live under training sign-up and lead every other answer clearly.
        JsonNode attendance = turn(server.newConversation("ko"), "출석 기준 못 채우면 어떻게 돼요");
        assertEquals("enroll_attendance", attendance.get("answerId").asText(), attendance.toString());
        JsonNode confirmed = turn(server.newConversation("ko"), "수강 확정은 언제 알려줘요");
        assertEquals("enroll_confirmation", confirmed.get("answerId").asText(), confirmed.toString());
    }

    @Test
    void questionsThatHadNoEntryGetTheirNewOne() {
        // Asked by companies (development set, round 2) and answered by no entry before: a foreign CEO (once mixed
        // into the answer about the application's language) and VAT.
        Map<String, String> expected = Map.of(
                "외국인이 대표인 회사도 지원할 수 있나요?", "elig_foreign_owned",
                "부가세는 지원금에 포함되나요?", "benefit_vat");
        expected.forEach((question, answer) -> {
            JsonNode r = turn(server.newConversation("ko"), question);
            assertEquals(answer, r.get("answerId").asText(), question + " -> " + r);
            assertEquals("exact", r.get("answerMatch").asText(), question);
        });
    }

    @Test
    void chitChatIsToldItIsOutsideTheProgramAndTheThirdMissOffersAPerson() {
        Conversation c = server.newConversation("ko");
        for (String noise : List.of("ㅋㅋㅋ", "점심 뭐 먹지")) {
            JsonNode r = turn(c, noise);
            assertEquals("fallback", r.get("intent").asText(), r.toString());
            assertTrue(text(r).contains("범위를 벗어났어요"), noise + ": " + text(r));
            assertFalse(r.get("messages").get(0).get("quickReplies").toString().contains("상담원 연결"), noise + ": " + r);
        }
        JsonNode third = turn(c, "ㅎㅎㅎ");
        assertEquals("fallback", third.get("intent").asText(), third.toString());
        assertTrue(third.get("messages").get(0).get("quickReplies").toString().contains("상담원 연결"), third.toString());
    }

    @Test
    void aBackgroundOfSeveralEligibilityFactsIsNotAnsweredOnOneOfThem() {
        // Large company (out) and a lab in Daejeon (a site that counts): "네, 연구소도 인정" answered the lab alone.
        JsonNode r = turn(server.newConversation("ko"), "대기업 계열사인데 대전에 연구소가 있습니다. 신청 가능한가요?");
        assertEquals("eligibility", r.get("intent").asText(), r.toString());
        assertFalse(text(r).startsWith("네"), text(r));
        assertTrue(text(r).contains("중견기업") || text(r).contains("중견"), text(r));
        // The same statements without a question ask whether the company qualifies: not a hello.
        JsonNode statement = turn(server.newConversation("ko"), "대기업 계열사인데 대전에 연구소가 있습니다");
        assertEquals("eligibility", statement.get("intent").asText(), statement.toString());
        assertFalse(text(statement).startsWith("네"), text(statement));
    }

    @Test
    void runTogetherQuestionsAreReadAsIfSpaced() {
        JsonNode r = turn(server.newConversation("ko"), "안녕하세요저희는유성구에있는분리막코팅업체입니다.선도기업지원금얼마예요?");
        assertEquals("leading_company", r.get("intent").asText(), r.toString());
        assertTrue(text(r).contains("1억 2천만 원"), text(r));
        // A question and a track question typed without spaces are both answered.
        JsonNode two = turn(server.newConversation("ko"), "안녕하세요저희는유성구분리막업체인데요선도기업지원금얼마고유망기업도돼요?");
        List<String> intents = new ArrayList<>();
        two.get("messages").forEach(m -> intents.add(m.get("intent").asText()));
        assertEquals(List.of("leading_company", "promising_company"), intents, two.toString());
    }

    @Test
    void aBareDeadlineQuestionSaysTheCallIsClosedWithTheKnownDatesAndWhereTheNextIsPosted() {
        // The outside tester's "마감일?" got the closing-hour entry, which gave neither a date nor the status.
        for (String q : List.of("마감일?", "deadline?")) {
            JsonNode r = turn(server.newConversation(q.startsWith("d") ? "en" : "ko"), q);
            assertEquals("application_deadline", r.get("answerId").asText(), q + " -> " + r);
            String t = text(r);
            assertTrue((t.contains("마감되었습니다") || t.contains("closed")) && t.contains("2024") && t.contains("djtp.or.kr"), t);
        }
    }

    @Test
    void aYearAfterADeadlineAnswerAsksForThatCallsDates() {
        JsonNode r = after("신청 기간 알려주세요", "2024년엔요?");
        assertEquals("deadline_2024", r.path("answerId").asText(), r.toString());
        assertTrue(text(r).contains("2024년 2월 20일"), text(r));
    }

    /** The reply to {@code text} as the first message of a new conversation in {@code language}. */
    static JsonNode ask(String language, String text) {
        return turn(server.newConversation(language), text);
    }

    static String quickReplies(JsonNode reply) {
        StringBuilder out = new StringBuilder();
        reply.get("messages").forEach(m -> out.append(m.get("quickReplies")));
        return out.toString();
    }

    static String texts(JsonNode reply) {
        StringBuilder out = new StringBuilder();
        reply.get("messages").forEach(m -> out.append(m.get("text").asText()).append('\n'));
        return out.toString();
    }

    // Three faults an outside tester hit (issues 16/17): a question about the office's days is not a request for a
    // person, the unsure half of a two-part question is not dropped, a bare "can we apply?" asks who may apply.

    @Test
    void aQuestionAboutWeekendHoursIsAnsweredWithAPersonOffered() {
        for (String[] q : new String[][] {{"ko", "토요일에도 상담돼요?"}, {"ko", "주말에도 문의 돼요?"},
                {"en", "are you open on weekends?"}}) {
            JsonNode r = ask(q[0], q[1]);
            assertFalse(r.get("handoff").asBoolean(), q[1] + ": " + r);
            assertEquals("contact", r.get("intent").asText(), q[1] + ": " + r);
            assertTrue(quickReplies(r).contains("ko".equals(q[0]) ? "상담원 연결" : "Talk to staff"), q[1] + ": " + r);
        }
        // A plain request for a person still hands over.
        assertTrue(ask("ko", "상담원 연결해 주세요").get("handoff").asBoolean());
    }

    @Test
    void theUnsureHalfOfTwoQuestionsIsOfferedAsAChoice() {
        for (String[] q : new String[][] {{"en", "how much is it and when is the deadline?"}, {"ko", "얼마 받고 언제까지 내요?"}}) {
            JsonNode r = ask(q[0], q[1]);
            String title = "ko".equals(q[0]) ? "지원 내용" : "What you receive";
            boolean answered = r.get("messages").toString().contains("support_benefits") || texts(r).contains("benefit");
            assertTrue(answered || quickReplies(r).contains(title), q[1] + ": " + r);
            assertTrue(r.get("messages").toString().contains("application_deadline"), q[1] + ": " + r);
        }
    }

    @Test
    void aBareCanWeApplyIsAnEligibilityQuestionWithThePreCheckOffered() {
        for (String[] q : new String[][] {{"en", "Can we apply?"}, {"ko", "저희도 신청돼요?"}}) {
            JsonNode r = ask(q[0], q[1]);
            assertEquals("eligibility", r.get("intent").asText(), q[1] + ": " + r);
            assertTrue(texts(r).contains("ko".equals(q[0]) ? "미리 확인해 보시겠어요" : "whether your company may qualify"),
                    q[1] + ": " + r);
        }
        // How to apply stays how to apply.
        assertEquals("application_process", ask("en", "How do we apply?").get("intent").asText());
    }

    // answers4 round: faults from the outside trial of 2026-12-02 (faults 2, 8, 9, 12 and the open-call question).

    @Test
    void askingWhetherOneCanApplyNowGetsTheClosedCallAndWhereTheNextIsPosted() {
        for (String[] q : new String[][] {{"ko", "지금도 신청 가능해요?"}, {"en", "can I apply today?"}, {"en", "is it still open?"}}) {
            JsonNode r = ask(q[0], q[1]);
            assertFalse("partial".equals(r.path("answerMatch").asText()), q[1] + ": " + r);
            String t = texts(r);
            assertTrue(t.contains("2월 12일") || t.contains("12 February"), q[1] + ": " + t);
            assertTrue(t.contains("DIPS"), q[1] + ": " + t);
        }
    }

    @Test
    void aRequestForAPersonInsideASentenceHandsOverTheFirstTime() {
        for (String[] q : new String[][] {{"ko", "지원 자격이 헷갈려서 담당자분께 직접 여쭤보고 싶어요"},
                {"en", "I'd rather ask someone at the office"}}) {
            JsonNode r = ask(q[0], q[1]);
            assertTrue(r.get("handoff").asBoolean(), q[1] + ": " + r);
        }
        // Asking for the office's contact details is a question, not a request for a person.
        assertFalse(ask("ko", "담당자 연락처 알려주세요").get("handoff").asBoolean());
    }

    @Test
    void whenTheMoneyIsPaidIsAnsweredAsNotPublicWithTheProjectPeriod() {
        for (String[] q : new String[][] {{"en", "when do we actually receive the money if selected?"}}) {
            JsonNode r = ask(q[0], q[1]);
            assertEquals("benefit_paid_how", r.path("answerId").asText(), q[1] + ": " + r);
            assertTrue(texts(r).contains("not been published") && texts(r).contains("March"), q[1] + ": " + texts(r));
        }
    }

    @Test
    void aQuestionAboutTrainingForOurEngineersGetsTheTrainingOverview() {
        JsonNode r = ask("en", "Do you have any training courses for our engineers?");
        assertEquals("training_program", r.get("intent").asText(), r.toString());
        assertFalse(texts(r).contains("taught in Korean"), texts(r));
    }

    @Test
    void paymentOrReportingAskedUnderATrackIsAnsweredWhereThoseAnswersLive() {
        // Trial report: the classifier is sure of the track, and the payment answer (filed under the benefits) was
        // never searched, so the track's amount answer came back as a confident wrong one.
        Map<String, String> asked = new java.util.LinkedHashMap<>();
        asked.put("ㅎㅇ 선도기업 되면 돈 언제 들어와요?", "benefit_paid_how");
        asked.put("유망기업 지원금은 언제 입금돼요?", "benefit_paid_how");
        asked.put("What are the reporting obligations for the leading track?", "benefit_settlement");
        asked.put("선정되면 뭐 해야돼요? 보고서 써야돼요?", "benefit_settlement");
        asked.forEach((question, answer) -> {
            Conversation c = server.newConversation(question.matches(".*[가-힣].*") ? "ko" : "en");
            JsonNode r = turn(c, question);
            assertEquals(answer, r.get("answerId").asText(), question + " -> " + r);
        });
        // The track's own amount question stays with the track.
        assertEquals("leading_amount", turn(server.newConversation("ko"), "선도기업은 얼마까지 지원돼요?").get("answerId").asText());
    }

    @Test
    void aFollowUpAboutWhatWasJustAnsweredStaysWithIt() {
        // Trial reports: "저희도 가입할수 있나요?" after the council answer got the program's eligibility, and
        // "이전은 언제까지 해야돼요?" after the relocation answer got the call's deadline.
        JsonNode join = after("대전 이차전지 협의체 있어요?", "저희도 가입할수 있나요?");
        assertEquals("network_join", join.get("answerId").asText(), join.toString());
        JsonNode move = after("대전으로 이전 예정인데 신청돼요?", "이전은 언제까지 해야돼요?");
        assertEquals("elig_relocation", move.get("answerId").asText(), move.toString());
        // A subject the previous question did not name is read on its own.
        JsonNode deadline = after("대전으로 이전 예정인데 신청돼요?", "마감은 언제까지예요?");
        assertEquals("application_deadline", deadline.get("intent").asText(), deadline.toString());
    }

    // answers6 round (issue 17): three known faults, each asked alone as a new user would.

    @Test
    void howManyCompaniesAreSelectedIsAnsweredWithTheNumbersPerTrack() {
        // "몇" is dropped by the analyser as a determiner, so no count was asked and the count entry fell below the bar.
        for (String q : List.of("올해는 총 몇 개사나 선정됐어요")) {
            JsonNode r = ask("ko", q);
            assertFalse("partial".equals(r.path("answerMatch").asText()), q + ": " + r);
            String t = texts(r);
            assertTrue(t.contains("3개사") && t.contains("6개사") && t.contains("2024"), q + ": " + t);
        }
    }

    @Test
    void whatASelectedCompanyMustDoIsTheAgreementReportingAndSettlement() {
        JsonNode r = ask("ko", "선정되면 뭐 해야돼요?");
        assertTrue(java.util.Set.of("selection_after", "benefit_settlement").contains(r.path("answerId").asText()), r.toString());
        String t = texts(r);
        assertTrue(t.contains("협약") && t.contains("보고") && t.contains("정산"), t);
    }

    @Test
    void howMuchIsItNextToADeadlineQuestionIsAnsweredNotOnlyOffered() {
        JsonNode r = ask("en", "how much is it and when is the deadline?");
        String t = texts(r);
        assertTrue(t.contains("120 million"), t);
        assertTrue(r.get("messages").toString().contains("application_deadline"), r.toString());
    }
}
