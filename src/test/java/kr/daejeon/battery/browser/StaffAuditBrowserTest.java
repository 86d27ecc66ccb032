package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The staff-access log in the reports view: shown to admins with who viewed what, hidden from agents. */
@Tag("browser")
class StaffAuditBrowserTest {

    @Test
    void adminsSeeWhoViewedWhat() throws Exception {
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE",
                TestStaff.accountsFile("kim:김담당:agent", "boss:관리자:admin").toString()))) {
            Conversation c = server.newConversation("ko");
            server.say(c, "상담원 연결해 주세요");
            TestStaff.Login kim = TestStaff.login(server, "kim");
            kim.get("/staff/api/conversations/" + c.id());
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                Browser.consoleLogin(driver, wait, server, "boss");
                driver.findElement(By.cssSelector(".nav-btn[data-view=reports]")).click();
                wait.until(d -> !d.findElements(By.cssSelector("#audit-rows tr")).isEmpty());
                String rows = driver.findElement(By.id("audit-rows")).getText();
                assertTrue(rows.contains("kim") && rows.contains("대화 열람") && rows.contains(c.id()), rows);
                driver.executeScript("document.getElementById('audit-panel').scrollIntoView()");
                Browser.screenshot(driver, "console-audit-desktop");
                Axe.assertNoSeriousViolations(driver, "audit log (1280 px)");
                driver.manage().window().setSize(new Dimension(390, 844));
                driver.executeScript("document.getElementById('audit-panel').scrollIntoView()");
                Browser.screenshot(driver, "console-audit-phone");
                Axe.assertNoSeriousViolations(driver, "audit log (390 px)");
            } finally {
                driver.quit();
            }
            ChromeDriver agent = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(agent, Duration.ofSeconds(10));
                Browser.consoleLogin(agent, wait, server, "kim");
                agent.findElement(By.cssSelector(".nav-btn[data-view=reports]")).click();
                Thread.sleep(500);
                assertFalse(agent.findElement(By.id("audit-panel")).isDisplayed(), "agents do not see the log");
            } finally {
                agent.quit();
            }
        }
    }
}
