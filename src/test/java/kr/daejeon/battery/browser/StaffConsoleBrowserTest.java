package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The staff console in a real headless Chromium: login, a ticket arriving live, reply, resolve, XSS inert. */
@Tag("browser")
class StaffConsoleBrowserTest {

    static final String XSS = "<img src=x onerror=\"window.__xss=1\">";

    @Test
    void loginSeeTicketLiveReplyAndResolve() throws Exception {
        Path accounts = TestStaff.accountsFile("kim:김담당:agent");
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", accounts.toString()))) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                driver.get(server.uri("/staff/").toString());
                wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
                driver.findElement(By.id("username")).sendKeys("kim");
                driver.findElement(By.id("password")).sendKeys("wrong");
                driver.findElement(By.cssSelector("#login-form button")).click();
                wait.until(d -> !d.findElement(By.id("login-error")).getText().isEmpty());
                driver.findElement(By.id("password")).clear();
                driver.findElement(By.id("password")).sendKeys("kim-pass");
                driver.findElement(By.cssSelector("#login-form button")).click();
                wait.until(d -> d.findElement(By.id("console-view")).isDisplayed()
                        && d.findElement(By.id("who-name")).getText().contains("김담당"));

                // A company asks for a person, with an XSS payload in the conversation: the ticket appears without reload.
                Conversation c = server.newConversation("ko");
                server.say(c, XSS);
                server.say(c, "상담원 연결해 주세요");
                wait.until(d -> d.findElements(By.cssSelector("#queue tr")).size() == 1);
                WebElement row = driver.findElement(By.cssSelector("#queue tr"));
                wait.until(d -> row.getText().contains("user_request"));
                row.click();
                wait.until(d -> d.findElements(By.cssSelector("#transcript li")).size() >= 5);
                List<WebElement> lines = driver.findElements(By.cssSelector("#transcript li"));
                assertTrue(lines.stream().anyMatch(li -> li.getText().contains(XSS)), "payload shown as text");
                assertEquals(0, driver.findElements(By.cssSelector("#transcript img")).size());
                assertNull(driver.executeScript("return window.__xss"), "payload did not run");
                Browser.screenshot(driver, "console-ticket-desktop");

                driver.findElement(By.id("claim")).click();
                wait.until(d -> d.findElement(By.id("ticket-status")).getText().contains("kim"));
                driver.findElement(By.id("reply")).sendKeys("안녕하세요, 담당자 김입니다.");
                driver.findElement(By.cssSelector("#reply-form button")).click();
                wait.until(d -> d.findElements(By.cssSelector("#transcript li.staff")).size() == 1);
                JsonNode transcript = TestServer.json(server.get("/api/v1/conversations/" + c.id() + "/messages", c.token()))
                        .get("messages");
                JsonNode last = transcript.get(transcript.size() - 1);
                assertEquals("staff", last.get("from").asText());
                assertEquals("안녕하세요, 담당자 김입니다.", last.get("text").asText());

                // The customer's next message appears live in the open conversation.
                server.say(c, "감사합니다! <b>굵게</b>");
                wait.until(d -> d.findElements(By.cssSelector("#transcript li.user")).stream()
                        .anyMatch(li -> li.getText().contains("<b>굵게</b>")));

                driver.findElement(By.id("resolve")).click();
                wait.until(d -> d.findElements(By.cssSelector("#queue tr")).isEmpty());
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 800));
                Browser.screenshot(driver, "console-after-resolve-phone");
                assertEquals("bot", TestServer.json(server.say(c, "교육 일정 알려주세요")).get("messages").get(0).get("from").asText());
            } finally {
                driver.quit();
            }
        }
    }
}
