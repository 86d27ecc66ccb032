package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The staff console in a real headless Chromium: login, tickets arriving live with a title count, a
 * sound and (once allowed from the button) a desktop notification; Korean labels for every code,
 * waiting times that tick, the queue worked from the keyboard, claim, reply, transfer, resolve,
 * XSS inert; the layout at 1280 px and at a 768 px tablet, checked with axe-core.
 */
@Tag("browser")
class StaffConsoleBrowserTest {

    static final String XSS = "<img src=x onerror=\"window.__xss=1\">";

    /**
     * Counts what the console asks of the browser: permission requests, notifications and oscillators
     * (the new-ticket sound). The page is told it is not focused, as a console in a background tab is.
     */
    static final String PROBES = """
            window.__perm = 0; window.__notes = []; window.__beeps = 0;
            (function () {
              let perm = 'default';
              class ProbeNotification {
                constructor(title, options) { window.__notes.push(title + ' | ' + ((options && options.body) || '')); }
                close() {}
                static get permission() { return perm; }
                static requestPermission() { window.__perm++; perm = 'granted'; return Promise.resolve(perm); }
              }
              window.Notification = ProbeNotification;
              document.hasFocus = () => false;
              const Ctx = window.AudioContext;
              if (Ctx) {
                const make = Ctx.prototype.createOscillator;
                Ctx.prototype.createOscillator = function () { window.__beeps++; return make.call(this); };
              }
            })();
            """;

    @Test
    void ticketsArriveWithSignalsAndAreWorkedFromTheKeyboard() throws Exception {
        Path accounts = TestStaff.accountsFile("kim:김담당:agent", "lee:이담당:agent");
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", accounts.toString()))) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", PROBES));
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                driver.get(server.uri("/staff/").toString());
                wait.until(d -> d.findElement(By.id("login-view")).isDisplayed());
                Axe.assertNoSeriousViolations(driver, "login");
                driver.findElement(By.id("username")).sendKeys("kim");
                driver.findElement(By.id("password")).sendKeys("wrong");
                driver.findElement(By.cssSelector("#login-form button")).click();
                wait.until(d -> !d.findElement(By.id("login-error")).getText().isEmpty());
                // In the console's language by the error's code, not the API's English message.
                assertEquals("아이디 또는 비밀번호가 맞지 않습니다.", driver.findElement(By.id("login-error")).getText());
                driver.findElement(By.id("password")).clear();
                driver.findElement(By.id("password")).sendKeys("kim-pass");
                driver.findElement(By.cssSelector("#login-form button")).click();
                wait.until(d -> d.findElement(By.id("console-view")).isDisplayed()
                        && d.findElement(By.id("who-name")).getText().contains("김담당 (상담원)"));

                // Desktop notifications are asked for only from the button, never on load.
                assertEquals(0L, driver.executeScript("return window.__perm"));
                WebElement allow = driver.findElement(By.id("notify-permission"));
                assertEquals("데스크톱 알림 켜기", allow.getText());
                allow.click();
                wait.until(d -> "데스크톱 알림 켜짐".equals(d.findElement(By.id("notify-permission")).getText()));
                assertEquals(1L, driver.executeScript("return window.__perm"));

                // A company asks for a person, with an XSS payload in the conversation: the ticket appears
                // without a reload, with its codes in Korean, a title count, a sound and a notification.
                Conversation a = server.newConversation("ko");
                server.say(a, XSS);
                server.say(a, "상담원 연결해 주세요");
                wait.until(d -> d.findElements(By.cssSelector("#queue .ticket-row")).size() == 1);
                // Rows are re-rendered as events arrive: read them in one go, never through a kept element.
                wait.until(d -> queueText(driver).contains("상담원 연결해 주세요"));
                String row = queueText(driver);
                assertTrue(row.contains("상담 요청") && row.contains("대기 중") && row.contains("웹사이트") && row.contains("한국어"), row);
                assertFalse(row.contains("user_request") || row.contains("waiting") || row.contains("web"), row);
                wait.until(d -> d.getTitle().startsWith("(1) "));
                assertTrue((Long) driver.executeScript("return window.__beeps") >= 1, "a sound was made");
                List<?> notes = (List<?>) driver.executeScript("return window.__notes");
                assertEquals(1, notes.size(), "one desktop notification");
                assertTrue(notes.get(0).toString().contains("상담 요청"), notes.toString());
                assertFalse(notes.get(0).toString().contains("img"), "no customer text in a notification");

                // Waiting times tick without a reload.
                String waited = waitText(driver);
                wait.until(d -> !waitText(driver).equals(waited));

                Conversation b = server.newConversation("en");
                server.say(b, "I need to talk to a person about my application");
                server.say(b, "Talk to staff");
                wait.until(d -> d.findElements(By.cssSelector("#queue .ticket-row")).size() == 2);
                wait.until(d -> d.getTitle().startsWith("(2) "));

                // Keyboard: the rows are buttons; arrow down moves to the next, Enter opens it.
                List<WebElement> rows = driver.findElements(By.cssSelector("#queue .ticket-row"));
                String ticketB = rows.get(1).getAttribute("data-ticket");
                driver.executeScript("arguments[0].focus()", rows.get(0));
                driver.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
                assertEquals(ticketB, driver.switchTo().activeElement().getAttribute("data-ticket"));
                driver.switchTo().activeElement().sendKeys(Keys.ENTER);
                wait.until(d -> d.findElement(By.id("ticket-title")).getText().contains(ticketB));
                assertTrue(driver.findElement(By.id("ticket-badges")).getText().contains("영어"));

                // Claim it and hand it to a colleague.
                driver.findElement(By.id("claim")).click();
                wait.until(d -> d.findElement(By.id("ticket-status")).getText().contains("kim"));
                new Select(driver.findElement(By.id("transfer-to"))).selectByValue("lee");
                driver.findElement(By.id("transfer")).click();
                wait.until(d -> d.findElement(By.id("ticket-status")).getText().contains("이담당에게 넘겼습니다"));
                TestStaff.Login kim = TestStaff.login(server, "kim");
                assertEquals("lee", TestServer.json(kim.get("/staff/api/tickets/" + ticketB)).get("ticket").get("assignee").asText());

                // The first ticket: the payload shows as text and runs nothing.
                driver.findElements(By.cssSelector("#queue .ticket-row")).get(0).click();
                wait.until(d -> d.findElements(By.cssSelector("#transcript li")).size() >= 5);
                List<WebElement> lines = driver.findElements(By.cssSelector("#transcript li"));
                assertTrue(lines.stream().anyMatch(li -> li.getText().contains(XSS)), "payload shown as text");
                assertEquals(0, driver.findElements(By.cssSelector("#transcript img")).size());
                assertNull(driver.executeScript("return window.__xss"), "payload did not run");

                driver.findElement(By.id("claim")).click();
                wait.until(d -> d.findElement(By.id("ticket-status")).getText().contains("kim"));
                driver.findElement(By.id("reply")).sendKeys("안녕하세요, 담당자 김입니다.");
                driver.findElement(By.cssSelector("#reply-form button")).click();
                wait.until(d -> d.findElements(By.cssSelector("#transcript li.staff")).size() == 1);
                JsonNode transcript = TestServer.json(server.get("/api/v1/conversations/" + a.id() + "/messages", a.token()))
                        .get("messages");
                JsonNode last = transcript.get(transcript.size() - 1);
                assertEquals("staff", last.get("from").asText());
                assertEquals("안녕하세요, 담당자 김입니다.", last.get("text").asText());

                // The customer's next message appears live in the open conversation.
                server.say(a, "감사합니다! <b>굵게</b>");
                wait.until(d -> String.valueOf(d.findElement(By.id("transcript")).getText()).contains("<b>굵게</b>"));
                Browser.screenshot(driver, "console-ticket-desktop");
                Axe.assertNoSeriousViolations(driver, "ticket (1280 px)");
                driver.manage().window().setSize(new Dimension(768, 1024));
                Browser.screenshot(driver, "console-ticket-tablet");
                Axe.assertNoSeriousViolations(driver, "ticket (768 px)");
                driver.manage().window().setSize(new Dimension(1280, 900));

                // In English, the codes are English words.
                driver.findElement(By.id("lang-switch")).click();
                wait.until(d -> queueText(driver).contains("In progress"));
                assertTrue(queueText(driver).contains("Asked for staff"), queueText(driver));
                assertEquals("en", driver.findElement(By.tagName("html")).getAttribute("lang"));
                driver.findElement(By.id("lang-switch")).click();

                driver.findElement(By.id("resolve")).click();
                wait.until(d -> d.findElements(By.cssSelector("#queue .ticket-row")).size() == 1);
                wait.until(d -> !d.getTitle().startsWith("("));
                assertEquals("bot", TestServer.json(server.say(a, "교육 일정 알려주세요")).get("messages").get(0).get("from").asText());
            } finally {
                driver.quit();
            }
        }
    }

    static String queueText(ChromeDriver driver) {
        return String.valueOf(driver.executeScript("return document.getElementById('queue').innerText"));
    }

    static String waitText(ChromeDriver driver) {
        return String.valueOf(driver.executeScript("return document.querySelector('#queue .ticket-row .wait').textContent"));
    }
}
