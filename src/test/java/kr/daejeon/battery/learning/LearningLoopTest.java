package kr.daejeon.battery.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import kr.daejeon.battery.support.TestContent;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;

/**
 * From an unanswered question to a better answer, without a restart: an agent proposes the wording
 * for an intent, only an admin can approve, the utterance lands in a new content version (answered
 * at once), the classifier is retrained off the request and swapped in while turns keep being
 * answered, and the same question is now understood.
 */
class LearningLoopTest {

    static final String QUESTION = "장비 공동활용 가능한가요";

    @Test
    void proposeApproveRetrainAndTheQuestionIsUnderstood() throws Exception {
        Path intents = TestContent.intentsCopy();
        String original = Files.readString(intents.resolve("industry_network.yaml"));
        try (TestServer server = TestServer.start(Map.of("INTENTS_DIR", intents.toString(), "STAFF_ACCOUNTS_FILE",
                TestStaff.accountsFile("kim:김담당:agent", "boss:관리자:admin").toString(),
                "RATE_LIMIT_PER_MINUTE", "100000", "CONVERSATION_RATE_LIMIT_PER_MINUTE", "100000"))) {
            Conversation c = server.newConversation("ko");
            String before = TestServer.json(server.say(c, QUESTION)).get("intent").asText();
            assertEquals("fallback", before, "not understood before");

            TestStaff.Login kim = TestStaff.login(server, "kim");
            TestStaff.Login boss = TestStaff.login(server, "boss");
            HttpResponse<String> proposed = kim.post("/staff/api/proposals",
                    "{\"intent\":\"industry_network\",\"language\":\"ko\",\"text\":\"" + QUESTION + "\"}");
            assertEquals(200, proposed.statusCode(), proposed.body());
            String id = TestServer.json(proposed).get("id").asText();
            assertEquals("pending", TestServer.json(proposed).get("status").asText());
            assertEquals("unknown_intent", TestServer.json(kim.post("/staff/api/proposals",
                    "{\"intent\":\"nope\",\"language\":\"ko\",\"text\":\"x\"}")).get("error").get("code").asText());
            HttpResponse<String> agentApproves = kim.post("/staff/api/proposals/" + id + "/approve", "");
            assertEquals(403, agentApproves.statusCode(), agentApproves.body());

            // Turns keep flowing while the model is retrained.
            AtomicBoolean training = new AtomicBoolean(true);
            List<Integer> statuses = java.util.Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
                Conversation t = server.newConversation("ko");
                while (training.get()) {
                    statuses.add(server.say(t, "신청 마감이 언제예요?").statusCode());
                }
            });
            HttpResponse<String> approved = boss.post("/staff/api/proposals/" + id + "/approve", "");
            training.set(false);
            traffic.get();
            assertEquals(200, approved.statusCode(), approved.body());
            JsonNode decision = TestServer.json(approved);
            assertEquals("approved", decision.get("proposal").get("status").asText());
            assertEquals("boss", decision.get("proposal").get("decidedBy").asText());
            assertEquals(2, decision.get("version").asLong(), "version 1 is the bootstrap from the files");
            assertEquals(2, decision.get("proposal").get("version").asLong());
            assertTrue(!statuses.isEmpty() && statuses.stream().allMatch(s -> s == 200), "no dropped turns: " + statuses);

            // Trained off the request: poll until the new model answers, while turns keep flowing.
            String intent = "fallback";
            long deadline = System.currentTimeMillis() + 240_000; // training takes 20-40 s alone, minutes on a busy CI machine
            while (!intent.equals("industry_network") && System.currentTimeMillis() < deadline) {
                Thread.sleep(300);
                intent = TestServer.json(server.say(c, QUESTION)).get("intent").asText();
            }
            assertEquals("industry_network", intent, "understood after the swap, without a restart");
            assertEquals("serving version 2", TestServer.json(boss.get("/staff/api/content/status")).get("state").asText());

            String exported = exported(boss, "intents/industry_network.yaml");
            assertTrue(exported.contains("  - \"" + QUESTION + "\"  # approved by boss"), exported);
            assertEquals(original, Files.readString(intents.resolve("industry_network.yaml")), "the files stay the bootstrap");
            assertEquals(409, boss.post("/staff/api/proposals/" + id + "/approve", "").statusCode(), "decided once");
        }
    }

    @Test
    void aStaffReplyBecomesTheFaqAnswerAfterApproval() throws Exception {
        Path faq = TestContent.faqWith("application.yaml", "x", "x");
        String original = Files.readString(faq.resolve("application.yaml"));
        String reply = "접수는 12월 18일 18시에 마감됩니다.\n마감 연장은 없습니다.";
        try (TestServer server = TestServer.start(Map.of("FAQ_DIR", faq.toString(), "BUSINESS_HOURS", "MON-SUN 00:00-24:00",
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent", "boss:관리자:admin").toString()))) {
            Conversation c = server.newConversation("ko");
            server.say(c, "상담원 연결해 주세요");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            String ticket = TestServer.json(kim.get("/staff/api/tickets")).get("tickets").get(0).get("ticket").get("id").asText();
            assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/claim", "").statusCode());
            assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/reply",
                    kr.daejeon.battery.session.JsonCodec.write(Map.of("text", reply))).statusCode());

            HttpResponse<String> draft = kim.post("/staff/api/proposals", kr.daejeon.battery.session.JsonCodec.write(Map.of(
                    "kind", "answer", "intent", "application_deadline", "language", "ko", "text", reply)));
            assertEquals(200, draft.statusCode(), draft.body());
            assertEquals("answer", TestServer.json(draft).get("kind").asText());
            assertEquals(400, kim.post("/staff/api/proposals",
                    "{\"kind\":\"answer\",\"intent\":\"fallback\",\"language\":\"ko\",\"text\":\"x\"}").statusCode());
            String id = TestServer.json(draft).get("id").asText();
            TestStaff.Login boss = TestStaff.login(server, "boss");
            HttpResponse<String> approved = boss.post("/staff/api/proposals/" + id + "/approve", "");
            assertEquals(200, approved.statusCode(), approved.body());

            Conversation next = server.newConversation("ko");
            JsonNode answer = TestServer.json(server.say(next, "접수 기간")).get("messages").get(0); // the overview the proposal replaced
            assertEquals(reply, answer.get("text").asText(), "the approved reply is the answer now, without a restart");
            Conversation english = server.newConversation("en");
            assertTrue(TestServer.json(server.say(english, "Application period")).get("messages").get(0)
                    .get("text").asText().startsWith("The application period of the newest call"), "the other language is untouched");
            assertEquals(original, Files.readString(faq.resolve("application.yaml")), "the files stay the bootstrap");
            String file = exported(boss, "faq/application.yaml");
            assertTrue(file.contains("      ko: |-  # approved by boss") && file.contains("        마감 연장은 없습니다."), file);

            // A draft the content would not load with (a date placeholder with no date) is refused, nothing changes.
            String broken = TestServer.json(kim.post("/staff/api/proposals", kr.daejeon.battery.session.JsonCodec.write(Map.of(
                    "kind", "answer", "intent", "application_deadline", "language", "ko", "text", "마감은 {date:nope} 입니다")))).get("id").asText();
            HttpResponse<String> refused = boss.post("/staff/api/proposals/" + broken + "/approve", "");
            assertEquals(422, refused.statusCode(), refused.body());
            assertEquals("content_invalid", TestServer.json(refused).get("error").get("code").asText());
            assertEquals(file, exported(boss, "faq/application.yaml"), "no version was made");
            assertEquals(2, TestServer.json(boss.get("/staff/api/content/versions")).get("current").asLong());
            JsonNode stillPending = TestServer.json(boss.get("/staff/api/proposals")).get("proposals").get(0);
            assertEquals(broken, stillPending.get("id").asText());
            assertEquals("pending", stillPending.get("status").asText(), "a refused draft is not recorded as approved");
            assertEquals(reply, TestServer.json(server.say(next, "신청 마감이 언제예요?")).get("messages").get(0).get("text").asText());
        }
    }

    /** The current version's text of one file, from the export. */
    static String exported(TestStaff.Login admin, String path) {
        HttpResponse<String> r = admin.get("/staff/api/content/export");
        assertEquals(200, r.statusCode(), r.body());
        return TestServer.json(r).get("files").get(path).asText();
    }

    @Test
    void rejectedProposalsChangeNothing() throws Exception {
        Path intents = TestContent.intentsCopy();
        String original = Files.readString(intents.resolve("contact.yaml"));
        try (TestServer server = TestServer.start(Map.of("INTENTS_DIR", intents.toString(), "STAFF_ACCOUNTS_FILE",
                TestStaff.accountsFile("boss:관리자:admin").toString()))) {
            TestStaff.Login boss = TestStaff.login(server, "boss");
            String id = TestServer.json(boss.post("/staff/api/proposals",
                    "{\"intent\":\"contact\",\"language\":\"en\",\"text\":\"\\\"quoted\\\" # not a comment\"}")).get("id").asText();
            HttpResponse<String> rejected = boss.post("/staff/api/proposals/" + id + "/reject", "");
            assertEquals("rejected", TestServer.json(rejected).get("proposal").get("status").asText());
            assertEquals(original, Files.readString(intents.resolve("contact.yaml")));
            JsonNode list = TestServer.json(boss.get("/staff/api/proposals")).get("proposals");
            assertEquals("\"quoted\" # not a comment", list.get(0).get("text").asText());
            assertEquals(404, boss.post("/staff/api/proposals/unknown/approve", "").statusCode());
        }
    }
}
