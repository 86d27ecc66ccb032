package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.staff.StaffHistoryApiTest;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The history view: a resolved after-hours conversation is found by text and status, opens read-only
 * with its transcript, notes and the contact the customer left; the open one shows its contact too.
 */
@Tag("browser")
class StaffHistoryBrowserTest {

    @Test
    void aResolvedConversationIsFoundAndReadWithItsContact() throws Exception {
        MutableClock clock = new MutableClock(StaffHistoryApiTest.SATURDAY);
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString(),
                "BUSINESS_HOURS", "MON-FRI 09:00-18:00"), clock)) {
            Conversation done = server.newConversation("ko");
            server.say(done, "선도기업 지원 한도가 얼마인가요 <script>x</script>");
            server.say(done, "상담원 연결해 주세요");
            server.sayWithConsent(done, "회신은 ceo@battery-co.kr 로 부탁합니다");
            Conversation open = server.newConversation("ko");
            server.say(open, "상담원 연결해 주세요");
            server.sayWithConsent(open, "010-3456-7890");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            String ticket = StaffHistoryApiTest.ticketOfConversation(kim, done.id());
            kim.post("/staff/api/tickets/" + ticket + "/claim", "");
            kim.post("/staff/api/tickets/" + ticket + "/notes", "{\"text\":\"한도 문의, 공고문 안내함\"}");
            kim.post("/staff/api/tickets/" + ticket + "/resolve", "");

            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                Browser.consoleLogin(driver, wait, server, "kim");
                // The open ticket shows the phone number the customer left.
                wait.until(d -> !d.findElements(By.cssSelector("#queue .ticket-row")).isEmpty());
                driver.findElement(By.cssSelector("#queue .ticket-row")).click();
                wait.until(d -> d.findElement(By.id("contact")).getText().contains("010-3456-7890"));

                driver.findElement(By.cssSelector(".nav-btn[data-view=history]")).click();
                wait.until(d -> d.findElements(By.cssSelector("#history-results tr")).size() == 2);
                driver.findElement(By.id("h-text")).sendKeys("선도기업");
                new Select(driver.findElement(By.id("h-status"))).selectByValue("resolved");
                driver.findElement(By.cssSelector("#history-form button")).click();
                wait.until(d -> d.findElements(By.cssSelector("#history-results tr")).size() == 1);
                String row = driver.findElement(By.id("history-results")).getText();
                assertTrue(row.contains("ceo@battery-co.kr") && row.contains("종료") && row.contains("상담 요청"), row);
                assertTrue(row.contains("<script>x</script>"), "customer text shown as text: " + row);
                Browser.screenshot(driver, "console-history-desktop");
                Axe.assertNoSeriousViolations(driver, "history (1280 px)");
                driver.manage().window().setSize(new Dimension(768, 1024));
                Browser.screenshot(driver, "console-history-tablet");
                Axe.assertNoSeriousViolations(driver, "history (768 px)");
                driver.manage().window().setSize(new Dimension(1280, 900));

                driver.findElement(By.cssSelector("#history-results button.link")).click();
                wait.until(d -> d.findElement(By.id("contact")).getText().contains("ceo@battery-co.kr"));
                assertTrue(driver.findElement(By.id("transcript")).getText().contains("선도기업 지원 한도가 얼마인가요"));
                assertTrue(driver.findElement(By.id("notes")).getText().contains("한도 문의, 공고문 안내함"));
                assertTrue(driver.findElement(By.id("ticket-status")).getText().contains("읽기 전용"));
                assertFalse(driver.findElement(By.id("reply-form")).isDisplayed(), "no reply box on a resolved ticket");
                assertEquals(0, driver.findElements(By.cssSelector("#transcript script")).size());
                Browser.screenshot(driver, "console-resolved-ticket-desktop");
                Axe.assertNoSeriousViolations(driver, "resolved ticket");
            } finally {
                driver.quit();
            }
        }
    }
}
