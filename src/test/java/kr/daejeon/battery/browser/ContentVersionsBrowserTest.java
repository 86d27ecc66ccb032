package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The "버전 기록" screen (versions with who/when/what, a diff of the changed answer, restore as a new
 * version) and the admins' "계정 관리" screen (add, disable, the change log), at 1280 and 390 px, axe-clean;
 * an agent sees the history but neither restore nor accounts.
 */
@Tag("browser")
class ContentVersionsBrowserTest {

    static final String NEW_ANSWER = "[예시] 접수는 12월 18일 18시에 마감됩니다. <b>굵게 아님</b>";

    /** The list is drawn again whenever it reloads (every 15 s, after a restore): click what is there now. */
    static void clickRow(WebDriverWait wait, int index) {
        wait.until(d -> {
            try {
                d.findElements(By.cssSelector(".version-row")).get(index).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException | IndexOutOfBoundsException e) {
                return false;
            }
        });
    }

    @Test
    void historyDiffRestoreAndAccounts() throws Exception {
        Path accounts = TestStaff.accountsFile("kim:김담당:agent", "boss:관리자:admin");
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", accounts.toString()))) {
            TestStaff.Login kim = TestStaff.login(server, "kim");
            TestStaff.Login boss = TestStaff.login(server, "boss");
            String id = TestServer.json(kim.post("/staff/api/proposals", JsonCodec.write(Map.of("kind", "answer",
                    "intent", "application_deadline", "language", "ko", "text", NEW_ANSWER)))).get("id").asText();
            assertEquals(200, boss.post("/staff/api/proposals/" + id + "/approve", "").statusCode());

            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                Browser.consoleLogin(driver, wait, server, "boss");
                driver.findElement(By.cssSelector(".nav-btn[data-view=versions]")).click();
                wait.until(d -> d.findElements(By.cssSelector(".version-row")).size() == 2);
                String first = driver.findElements(By.cssSelector(".version-row")).get(0).getText();
                assertTrue(first.contains("v2") && first.contains("답변 수정: 접수 기간 (한국어) · 제안 kim") && first.contains("boss"), first);
                assertTrue(driver.findElement(By.id("versions-status")).getText().contains("버전 2 제공 중"),
                        driver.findElement(By.id("versions-status")).getText());
                clickRow(wait, 0);
                wait.until(d -> !d.findElements(By.cssSelector(".hunk ins")).isEmpty());
                String added = driver.findElements(By.cssSelector(".hunk ins")).stream().map(WebElement::getText)
                        .reduce("", (a, b) -> a + "\n" + b);
                assertTrue(added.contains(NEW_ANSWER), "the diff shows the new answer, as text: " + added);
                assertTrue(driver.findElements(By.cssSelector(".hunk b")).isEmpty(), "customer-facing text is never HTML");
                assertTrue(driver.findElement(By.cssSelector(".diff figcaption")).getText().contains("faq/application.yaml"));
                Browser.screenshot(driver, "console-versions-desktop");
                Axe.assertNoSeriousViolations(driver, "versions (1280 px)");

                // Restore version 1: a new version 3, and the answer is the old one again.
                clickRow(wait, 1);
                wait.until(d -> d.findElement(By.cssSelector(".version-head h3")).getText().startsWith("버전 1"));
                driver.executeScript("window.confirm = () => true;");
                driver.findElement(By.cssSelector(".version-head button.danger")).click();
                wait.until(d -> d.findElement(By.cssSelector(".version-head [role=status]")).getText().contains("새 버전 3"));
                wait.until(d -> d.findElements(By.cssSelector(".version-row")).size() == 3);
                TestServer.Conversation c = server.newConversation("ko");
                String answer = TestServer.json(server.say(c, "접수 기간")).get("messages").get(0).get("text").asText();
                assertFalse(answer.contains("12월 18일 18시"), answer);

                driver.manage().window().setSize(new Dimension(390, 844));
                clickRow(wait, 1);
                wait.until(d -> !d.findElements(By.cssSelector(".hunk ins")).isEmpty());
                Browser.screenshot(driver, "console-versions-phone");
                Axe.assertNoSeriousViolations(driver, "versions (390 px)");

                // Accounts: add lee, disable lee; the log says who did what.
                driver.manage().window().setSize(new Dimension(1280, 900));
                driver.findElement(By.cssSelector(".nav-btn[data-view=accounts]")).click();
                wait.until(d -> d.findElements(By.cssSelector("#accounts-rows tr")).size() == 2);
                driver.findElement(By.id("a-username")).sendKeys("lee");
                driver.findElement(By.id("a-name")).sendKeys("이담당");
                driver.findElement(By.id("a-password")).sendKeys("lee-password-1");
                driver.findElement(By.cssSelector("#account-form button[type=submit]")).click();
                wait.until(d -> d.findElements(By.cssSelector("#accounts-rows tr")).size() == 3);
                WebElement lee = driver.findElements(By.cssSelector("#accounts-rows tr")).stream()
                        .filter(tr -> tr.getText().startsWith("lee")).findFirst().orElseThrow();
                lee.findElements(By.cssSelector("button.danger")).get(0).click();
                wait.until(d -> d.findElement(By.id("accounts-log")).getText().contains("boss → lee: 사용 중지"));
                assertTrue(driver.findElement(By.id("accounts-rows")).getText().contains("사용 중지"));
                assertEquals(401, server.postJson("/staff/api/login", "{\"username\":\"lee\",\"password\":\"lee-password-1\"}", null)
                        .statusCode(), "a disabled account cannot log in");
                Browser.screenshot(driver, "console-accounts-desktop");
                Axe.assertNoSeriousViolations(driver, "accounts (1280 px)");
                driver.manage().window().setSize(new Dimension(390, 844));
                Browser.screenshot(driver, "console-accounts-phone");
                Axe.assertNoSeriousViolations(driver, "accounts (390 px)");

                // Logout empties the screens; an agent sees the history but neither restore nor accounts.
                driver.manage().window().setSize(new Dimension(1280, 900));
                driver.findElement(By.id("logout")).click();
                wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
                assertEquals("", driver.findElement(By.id("accounts-rows")).getAttribute("textContent"));
                assertEquals("", driver.findElement(By.id("versions-list")).getAttribute("textContent"));
                driver.findElement(By.id("username")).clear();
                driver.findElement(By.id("username")).sendKeys("kim");
                driver.findElement(By.id("password")).sendKeys("kim-pass");
                driver.findElement(By.cssSelector("#login-form button")).click();
                wait.until(d -> d.findElement(By.id("console-view")).isDisplayed());
                assertFalse(driver.findElement(By.cssSelector(".nav-btn[data-view=accounts]")).isDisplayed());
                driver.findElement(By.cssSelector(".nav-btn[data-view=versions]")).click();
                wait.until(d -> d.findElements(By.cssSelector(".version-row")).size() == 3);
                clickRow(wait, 1);
                wait.until(d -> !d.findElements(By.cssSelector(".hunk")).isEmpty());
                assertTrue(driver.findElements(By.cssSelector(".version-head button.danger")).isEmpty(), "agents cannot restore");
                assertEquals(403, kim.get("/staff/api/accounts").statusCode());
            } finally {
                driver.quit();
            }
        }
    }
}
