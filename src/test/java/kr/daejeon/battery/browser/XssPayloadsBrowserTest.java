package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.TestContent;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Script in places other than the customer's message: an FAQ answer edited with markup, and a staff
 * member whose display name is markup. Both are shown as text, in the widget and in the console
 * (transcript, header, and the list of undelivered messenger messages), and never run.
 */
@Tag("browser")
class XssPayloadsBrowserTest {

    static final String IN_FAQ = "<img src=x onerror=window.__xss=3><script>window.__xss=4</script>";
    static final String STAFF_NAME = "<img src=x onerror=window.__xss=1>";

    @Test
    void faqContentAndStaffNamesAreInertInWidgetAndConsole() throws Exception {
        Path faq = TestContent.faqWith("program.yaml", "        대전시 이차전지산업 육성지원 사업은",
                "        " + IN_FAQ + "대전시 이차전지산업 육성지원 사업은");
        Path accounts = TestStaff.accountsFile("kim:" + STAFF_NAME + ":agent");
        try (FakePlatform telegram = new FakePlatform();
             TestServer server = TestServer.start(Map.of("FAQ_DIR", faq.toString(), "STAFF_ACCOUNTS_FILE", accounts.toString(),
                     "TELEGRAM_BOT_TOKEN", "7:T", "TELEGRAM_SECRET_TOKEN", "xss-telegram-secret", "TELEGRAM_API_BASE", telegram.baseUrl()))) {
            // The same answer, sent to a Telegram user whose platform is down: it becomes a dead letter.
            for (int i = 0; i < 4; i++) {
                telegram.failNext(502, "{\"ok\":false}");
            }
            String update = "{\"update_id\":5,\"message\":{\"message_id\":5,\"date\":1767225600,\"chat\":{\"id\":31,"
                    + "\"type\":\"private\"},\"text\":\"사업 소개\"}}";
            assertEquals(200, server.send(java.net.http.HttpRequest.newBuilder(server.uri("/channels/telegram/webhook"))
                    .header("Content-Type", "application/json").header("X-Telegram-Bot-Api-Secret-Token", "xss-telegram-secret")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(update))).statusCode());
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                WidgetBrowserTest.openWidget(driver, wait, server);
                WebElement input = WidgetBrowserTest.widget(driver).findElement(By.cssSelector("textarea"));
                input.sendKeys("사업 소개" + Keys.ENTER); // the topic button: its overview, where the payload is
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 3);
                assertTrue(WidgetBrowserTest.messages(driver).get(2).getText().contains(IN_FAQ),
                        WidgetBrowserTest.messages(driver).get(2).getText());

                input.sendKeys("상담원 연결해 주세요" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".status")).isDisplayed());
                TestStaff.Login kim = TestStaff.login(server, "kim");
                String ticket = TestServer.json(kim.get("/staff/api/tickets")).get("tickets").get(0).get("ticket").get("id").asText();
                assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/claim", "").statusCode());
                assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"확인했습니다\"}").statusCode());
                wait.until(d -> WidgetBrowserTest.widget(driver)
                        .findElements(By.cssSelector(".log li.msg.staff")).size() == 1);
                WebElement staffMsg = WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".log li.msg.staff"));
                assertTrue(staffMsg.getText().contains(STAFF_NAME), staffMsg.getText());
                assertEquals(0, WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log img, .log script")).size());
                assertTrue(WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".status")).getText().contains(STAFF_NAME));
                assertNull(driver.executeScript("return window.__xss"), "nothing ran in the widget");

                // The console: the staff name in the header and the FAQ answer in the transcript are text.
                Browser.consoleLogin(driver, wait, server, "kim");
                wait.until(d -> d.findElement(By.id("who-name")).getText().contains(STAFF_NAME));
                wait.until(d -> d.findElements(By.cssSelector("#queue .ticket-row")).size() == 1);
                driver.findElement(By.cssSelector("#queue .ticket-row")).click();
                wait.until(d -> d.findElements(By.cssSelector("#transcript li")).stream().anyMatch(li -> li.getText().contains(IN_FAQ)));
                assertEquals(0, driver.findElements(By.cssSelector("#transcript img, #transcript script, #who-name img")).size());
                // The dead letter (retries take a few seconds) is listed for staff, its text as text.
                long until = System.currentTimeMillis() + 15_000;
                while (TestServer.json(kim.get("/staff/api/dead-letters")).get("total").asInt() == 0
                        && System.currentTimeMillis() < until) {
                    Thread.sleep(200);
                }
                driver.navigate().refresh();
                wait.until(d -> d.findElement(By.id("console-view")).isDisplayed());
                driver.findElement(By.cssSelector(".nav-btn[data-view=learning]")).click();
                wait.until(d -> d.findElement(By.id("dead-letters-panel")).isDisplayed());
                driver.findElement(By.cssSelector("#dead-letters-panel summary")).click();
                wait.until(d -> d.findElements(By.cssSelector("#dead-letters li")).stream()
                        .anyMatch(li -> li.getText().contains(IN_FAQ) && li.getText().contains("텔레그램")));
                assertEquals(0, driver.findElements(By.cssSelector("#dead-letters img, #dead-letters script")).size());
                assertNull(driver.executeScript("return window.__xss"), "nothing ran in the console");
            } finally {
                driver.quit();
            }
        }
    }
}
