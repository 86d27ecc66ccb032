package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.config.ConfigException;
import kr.daejeon.battery.staff.StaffHistoryApiTest;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Test;

/**
 * Follow-up after hours against a real SMTP server (GreenMail): a staff reply to a customer who left an
 * e-mail address is mailed (text and HTML, customer text escaped), is in the transcript the widget
 * reads, and a failed send is retried, reported on the ticket and in the dead letters, never lost.
 */
class FollowUpMailTest {

    static final String CUSTOMER = "선도기업 <script>alert(1)</script> & \"지원\" 한도 문의";
    static final String REPLY = "안녕하세요. 선도기업 지원 한도는 공고문 3쪽을 참고해 주세요 <b>꼭</b>.";

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    static TestServer server(int smtpPort, String retries) {
        Map<String, String> env = new HashMap<>(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString(),
                "BUSINESS_HOURS", "MON-FRI 09:00-18:00", "SMTP_HOST", "127.0.0.1", "SMTP_PORT", String.valueOf(smtpPort),
                "SMTP_TLS", "none", "SMTP_FROM", "noreply@example.kr", "SMTP_RETRY_SECONDS", retries));
        return TestServer.start(env, new MutableClock(StaffHistoryApiTest.SATURDAY));
    }

    /** An after-hours handoff with an e-mail left, claimed by kim; returns the ticket id. */
    static String afterHoursTicket(TestServer server, Conversation c, TestStaff.Login kim) {
        server.say(c, CUSTOMER);
        server.say(c, "상담원 연결해 주세요");
        server.sayWithConsent(c, "ceo@battery-co.kr 로 답장 주세요");
        String ticket = StaffHistoryApiTest.ticketOfConversation(kim, c.id());
        assertEquals("ceo@battery-co.kr", TestServer.json(kim.get("/staff/api/tickets/" + ticket)).get("ticket").get("contact").asText());
        assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/claim", "").statusCode());
        return ticket;
    }

    static void reply(TestStaff.Login kim, String ticket) {
        assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/reply",
                "{\"text\":\"" + REPLY.replace("\"", "\\\"") + "\"}").statusCode());
    }

    @Test
    void aReplyGoesOutByMailAndStaysInTheTranscript() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestServer server = server(port, "1")) {
            Conversation c = server.newConversation("ko");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            String ticket = afterHoursTicket(server, c, kim);
            reply(kim, ticket);

            assertTrue(smtp.waitForIncomingEmail(10_000, 1), "mail delivered");
            MimeMessage mail = smtp.getReceivedMessages()[0];
            assertEquals("ceo@battery-co.kr", mail.getAllRecipients()[0].toString());
            assertEquals("noreply@example.kr", mail.getFrom()[0].toString());
            assertTrue(mail.getSubject().contains("이차전지"), mail.getSubject());
            Map<String, String> parts = parts(mail);
            assertTrue(parts.get("text/plain").contains(REPLY), parts.get("text/plain"));
            assertTrue(parts.get("text/plain").contains("김담당"), "names who answered");
            String html = parts.get("text/html");
            assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;지원&quot;"), "customer text escaped: " + html);
            assertTrue(html.contains("&lt;b&gt;꼭&lt;/b&gt;"), "staff text escaped too");
            assertFalse(html.contains("<script>") || html.contains("<b>꼭"), html);
            assertFalse(parts.get("text/plain").contains("ceo@battery-co.kr 로 답장"), "the contact line itself is not quoted back");

            // The widget reads the transcript: the reply is a normal staff message there.
            JsonNode messages = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token())).get("messages");
            JsonNode last = messages.get(messages.size() - 1);
            assertEquals("staff", last.get("from").asText());
            assertEquals(REPLY, last.get("text").asText());
            awaitTrue(() -> notes(kim, ticket).contains("Reply e-mailed to ceo@battery-co.kr"), "sent note on the ticket");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aFailedSendIsRetriedUntilTheServerIsBack() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (TestServer server = server(port, "2,2")) {
            Conversation c = server.newConversation("ko");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            String ticket = afterHoursTicket(server, c, kim);
            reply(kim, ticket); // no SMTP server listening yet: the first attempt fails
            Thread.sleep(500);
            assertTrue(TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token())).toString()
                    .contains("공고문 3쪽"), "the reply is stored whatever the mail server does");
            smtp.start();
            assertTrue(smtp.waitForIncomingEmail(15_000, 1), "delivered on a retry");
            assertTrue(parts(smtp.getReceivedMessages()[0]).get("text/plain").contains(REPLY));
            awaitTrue(() -> notes(kim, ticket).contains("Reply e-mailed"), "sent note");
            assertFalse(notes(kim, ticket).contains("메일 발송 실패"));
        } finally {
            smtp.stop();
        }
    }

    @Test
    void aSendThatNeverSucceedsIsReportedAndTheReplyKept() throws Exception {
        int port = freePort(); // nothing ever listens here
        try (TestServer server = server(port, "1")) {
            Conversation c = server.newConversation("ko");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            String ticket = afterHoursTicket(server, c, kim);
            reply(kim, ticket);
            awaitTrue(() -> notes(kim, ticket).contains("메일 발송 실패 (2회 시도)"), "failure written on the ticket");
            JsonNode dead = TestServer.json(kim.get("/staff/api/dead-letters"));
            assertEquals(1, dead.get("total").asInt());
            assertEquals("email", dead.get("deadLetters").get(0).get("channel").asText());
            assertEquals(REPLY, dead.get("deadLetters").get(0).get("text").asText());
            assertTrue(TestServer.json(kim.get("/staff/api/tickets/" + ticket)).get("transcript").toString().contains("공고문 3쪽"));
        }
    }

    @Test
    void noMailWithoutAnAddressOrWithoutSmtp() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try (TestServer server = server(port, "1")) {
            // The customer left a phone number, not an address: the reply is not mailed.
            Conversation c = server.newConversation("ko");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            server.say(c, "상담원 연결해 주세요");
            server.sayWithConsent(c, "010-1234-5678");
            String ticket = StaffHistoryApiTest.ticketOfConversation(kim, c.id());
            kim.post("/staff/api/tickets/" + ticket + "/claim", "");
            reply(kim, ticket);
            assertFalse(smtp.waitForIncomingEmail(1_500, 1), "a phone number gets no mail");
        } finally {
            smtp.stop();
        }
        assertEquals(null, AppConfig.load(List.of(), Map.of()).mail(), "off unless SMTP_HOST is set");
    }

    @Test
    void smtpSettingsAreValidatedAtStart() {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of("SMTP_HOST", "mail.example.kr",
                "SMTP_FROM", "not-an-address", "SMTP_USERNAME", "office", "SMTP_TLS", "maybe", "SMTP_PORT", "0",
                "SMTP_RETRY_SECONDS", "5,x")));
        String all = String.join("\n", e.problems());
        for (String expected : List.of("SMTP_FROM", "SMTP_USERNAME and SMTP_PASSWORD", "SMTP_TLS", "SMTP_PORT", "SMTP_RETRY_SECONDS")) {
            assertTrue(all.contains(expected), expected + " in: " + all);
        }
        MailSettings ok = AppConfig.load(List.of(), Map.of("SMTP_HOST", "mail.example.kr", "SMTP_FROM", "office@example.kr",
                "SMTP_USERNAME", "office", "SMTP_PASSWORD", "s3cret-pass")).mail();
        assertEquals(587, ok.port());
        assertEquals("starttls", ok.tls());
        assertFalse(ok.toString().contains("s3cret"), "the password is never printed");
    }

    static String notes(TestStaff.Login staff, String ticket) {
        return TestServer.json(staff.get("/staff/api/tickets/" + ticket)).get("notes").toString();
    }

    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long until = System.currentTimeMillis() + 15_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** The decoded text/plain and text/html parts of a message. */
    static Map<String, String> parts(Part part) throws Exception {
        Map<String, String> out = new HashMap<>();
        Object content = part.getContent();
        if (content instanceof Multipart multi) {
            for (int i = 0; i < multi.getCount(); i++) {
                BodyPart p = multi.getBodyPart(i);
                out.putAll(parts(p));
            }
        } else if (part.isMimeType("text/plain")) {
            out.put("text/plain", content.toString());
        } else if (part.isMimeType("text/html")) {
            out.put("text/html", content.toString());
        }
        return out;
    }
}
