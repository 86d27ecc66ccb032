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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Privacy of a shared office screen: before login no console shows, and after logout nothing of the
 * queue, a transcript or a customer's contact details stays on screen or in the page.
 */
@Tag("browser")
class StaffConsolePrivacyBrowserTest {

    static final String PHONE = "010-2345-6789";
    static final String SECRET = "우리회사 기밀 매출 37억";

    @Test
    void nothingOfTheCustomerStaysAfterLogoutAndNoConsoleShowsBeforeLogin() throws Exception {
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE",
                TestStaff.accountsFile("kim:김담당:agent").toString()))) {
            Conversation c = server.newConversation("ko");
            server.say(c, SECRET);
            server.say(c, "상담원 연결해 주세요");
            server.sayWithConsent(c, "제 번호는 " + PHONE + " 입니다");
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                driver.get(server.uri("/staff/").toString());
                wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
                assertFalse(driver.findElement(By.id("console-view")).isDisplayed(), "no empty console before login");
                Browser.screenshot(driver, "console-login-desktop");

                Browser.consoleLogin(driver, wait, server, "kim");
                wait.until(d -> !d.findElements(By.cssSelector("#queue .ticket-row")).isEmpty());
                driver.findElement(By.cssSelector("#queue .ticket-row")).click();
                wait.until(d -> d.findElement(By.id("transcript")).getText().contains(PHONE));

                driver.findElement(By.id("logout")).click();
                wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
                assertFalse(driver.findElement(By.id("console-view")).isDisplayed(), "console hidden after logout");
                String visible = driver.findElement(By.tagName("body")).getText();
                assertFalse(visible.contains(PHONE) || visible.contains(SECRET), "nothing on screen: " + visible);
                String dom = String.valueOf(driver.executeScript("return document.documentElement.outerHTML"));
                assertFalse(dom.contains(PHONE), "phone number gone from the DOM");
                assertFalse(dom.contains(SECRET), "transcript gone from the DOM");
                assertFalse(dom.contains(c.id()), "no ticket or conversation id left in the DOM");
                for (WebElement e : driver.findElements(By.cssSelector("#queue, #transcript, #notes, #contact"))) {
                    assertTrue(e.getText().isEmpty(), "emptied: " + e.getAttribute("id"));
                }
                Browser.screenshot(driver, "console-after-logout-desktop");
            } finally {
                driver.quit();
            }
        }
    }
}
