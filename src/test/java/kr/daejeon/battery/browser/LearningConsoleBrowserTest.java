package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.support.TestContent;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole learning loop in the console: an unanswered question shows up grouped, an admin proposes
 * it for an intent and approves it, and the next customer asking it gets the answer — no restart.
 */
@Tag("browser")
class LearningConsoleBrowserTest {

    static final String QUESTION = "장비 공동활용 가능한가요";

    @Test
    void unansweredQuestionIsTaughtFromTheConsole() throws Exception {
        Path intents = TestContent.intentsCopy();
        try (TestServer server = TestServer.start(Map.of("INTENTS_DIR", intents.toString(),
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("boss:관리자:admin").toString()))) {
            Conversation c = server.newConversation("ko");
            String before = TestServer.json(server.say(c, QUESTION)).get("intent").asText();
            assertEquals("fallback", before, "not understood before");
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                Browser.consoleLogin(driver, wait, server, "boss");

                driver.findElement(By.cssSelector(".nav-btn[data-view=learning]")).click();
                // Every heading in words: no raw key such as "learning.feedback".
                String headings = driver.findElements(By.cssSelector("section[aria-labelledby=learning-title] summary, section[aria-labelledby=learning-title] h2"))
                        .stream().map(WebElement::getText).toList().toString();
                assertTrue(headings.contains("도움이 되지 않은 답변") && !headings.matches("(?s).*\\b[a-z]+\\.[a-zA-Z]+\\b.*"), headings);
                driver.findElement(By.cssSelector("#unanswered-panel summary")).click();
                wait.until(d -> d.findElements(By.cssSelector("#unanswered li")).stream().anyMatch(li -> li.getText().contains(QUESTION)));
                WebElement group = driver.findElements(By.cssSelector("#unanswered li")).stream()
                        .filter(li -> li.getText().contains(QUESTION)).findFirst().orElseThrow();
                new Select(group.findElement(By.cssSelector("select"))).selectByValue("industry_network");
                group.findElement(By.cssSelector("form.propose button")).click();

                driver.findElement(By.cssSelector("#proposals-panel summary")).click();
                wait.until(d -> d.findElements(By.cssSelector("#proposals li button.approve")).size() == 1);
                driver.findElement(By.cssSelector("#proposals li button.approve")).click();
                // Approving answers at once with the new content version; the classifier retrains off the request.
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> proposalsText(driver).contains("승인됨 산학연관 네트워크 (industry_network)"));
                Browser.screenshot(driver, "console-learning");
            } finally {
                driver.quit();
            }
            // Tens of seconds of training on a loaded 2-core machine: the next customer is understood once it is swapped in.
            Conversation next = server.newConversation("ko");
            String intent = "fallback";
            long deadline = System.currentTimeMillis() + 240_000;
            while (!intent.equals("industry_network") && System.currentTimeMillis() < deadline) {
                Thread.sleep(500);
                intent = TestServer.json(server.say(next, QUESTION)).get("intent").asText();
            }
            assertEquals("industry_network", intent);
        }
    }

    @Test
    void aStaffReplyIsDraftedAsTheFaqAnswerFromTheConsole() throws Exception {
        Path faq = TestContent.faqWith("application.yaml", "x", "x");
        String reply = "접수는 12월 18일 18시에 마감되고 연장은 없습니다.";
        try (TestServer server = TestServer.start(Map.of("FAQ_DIR", faq.toString(), "BUSINESS_HOURS", "MON-SUN 00:00-24:00",
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("boss:관리자:admin").toString()))) {
            Conversation c = server.newConversation("ko");
            server.say(c, "신청 마감이 언제예요?");
            server.say(c, "상담원 연결해 주세요");
            TestStaff.Login api = TestStaff.login(server, "boss");
            String ticket = TestServer.json(api.get("/staff/api/tickets")).get("tickets").get(0).get("ticket").get("id").asText();
            api.post("/staff/api/tickets/" + ticket + "/claim", "");
            api.post("/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"" + reply + "\"}");
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                Browser.consoleLogin(driver, wait, server, "boss");
                wait.until(d -> d.findElements(By.cssSelector("#queue .ticket-row")).size() == 1);
                driver.findElement(By.cssSelector("#queue .ticket-row")).click();
                wait.until(d -> !d.findElements(By.cssSelector("#transcript li.staff form.answer-draft")).isEmpty());
                WebElement form = driver.findElement(By.cssSelector("#transcript li.staff form.answer-draft"));
                new Select(form.findElement(By.cssSelector("select"))).selectByValue("application_deadline");
                form.findElement(By.cssSelector("button")).click();
                driver.findElement(By.cssSelector(".nav-btn[data-view=learning]")).click();
                driver.findElement(By.cssSelector("#proposals-panel summary")).click();
                wait.until(d -> d.findElements(By.cssSelector("#proposals li button.approve")).size() == 1);
                driver.findElement(By.cssSelector("#proposals li button.approve")).click();
                // Approving answers at once with the new content version; the classifier retrains off the request.
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> proposalsText(driver).contains("승인됨 FAQ 답변 접수 기간 (application_deadline)"));
            } finally {
                driver.quit();
            }
            Conversation next = server.newConversation("ko");
            assertEquals(reply, TestServer.json(server.say(next, "신청 마감이 언제예요?")).get("messages").get(0).get("text").asText());
        }
    }

    @Test
    void anAdminEditsAnFaqAnswerWithAPreviewAndApprovesIt() throws Exception {
        Path faq = TestContent.faqWith("application.yaml", "x", "x");
        String edited = "[예시] 접수는 {date:application_2026.closes}에 마감됩니다. <늦지 마세요>";
        try (TestServer server = TestServer.start(Map.of("FAQ_DIR", faq.toString(),
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("boss:관리자:admin").toString()))) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                Browser.consoleLogin(driver, wait, server, "boss");
                driver.findElement(By.cssSelector(".nav-btn[data-view=learning]")).click();
                driver.findElement(By.cssSelector("#faq-edit-panel summary")).click();
                wait.until(d -> !d.findElements(By.cssSelector("#faq-intent option")).isEmpty());
                new Select(driver.findElement(By.id("faq-intent"))).selectByValue("application_deadline");
                wait.until(d -> d.findElement(By.id("faq-text")).getAttribute("value").contains("{window:application_2026}"));
                driver.findElement(By.id("faq-text")).clear();
                driver.findElement(By.id("faq-text")).sendKeys(edited);
                driver.findElement(By.id("faq-preview-btn")).click();
                wait.until(d -> d.findElement(By.id("faq-preview")).isDisplayed());
                String preview = driver.findElement(By.id("faq-preview")).getText();
                assertTrue(preview.contains("[예시] 접수는 ") && !preview.contains("{date:") && preview.contains("<늦지 마세요>"), preview);
                driver.findElement(By.cssSelector("#faq-form button[type=submit]")).click();
                wait.until(d -> d.findElement(By.id("faq-status")).getText().contains("제안했습니다"));
                Browser.screenshot(driver, "console-faq-edit-desktop");
                Axe.assertNoSeriousViolations(driver, "learning & content (1280 px)");
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(768, 1024));
                Browser.screenshot(driver, "console-faq-edit-tablet");
                Axe.assertNoSeriousViolations(driver, "learning & content (768 px)");

                driver.findElement(By.cssSelector("#proposals-panel summary")).click();
                wait.until(d -> d.findElements(By.cssSelector("#proposals li button.approve")).size() == 1);
                driver.findElement(By.cssSelector("#proposals li button.approve")).click();
                // Approving answers at once with the new content version; the classifier retrains off the request.
                new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> proposalsText(driver).contains("승인됨 FAQ 답변 접수 기간 (application_deadline)"));
            } finally {
                driver.quit();
            }
            Conversation next = server.newConversation("ko");
            String answer = TestServer.json(server.say(next, "접수 기간")).get("messages").get(0).get("text").asText(); // the overview that was edited
            assertTrue(answer.startsWith("[예시] 접수는 ") && answer.endsWith("에 마감됩니다. <늦지 마세요>") && !answer.contains("{date"), answer);
        }
    }

    /** Read in one go: the list is re-rendered while it is polled. */
    static String proposalsText(ChromeDriver driver) {
        return String.valueOf(driver.executeScript("return document.getElementById('proposals').innerText"));
    }
}
