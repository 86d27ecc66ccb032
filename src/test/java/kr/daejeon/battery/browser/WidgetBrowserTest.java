package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The website widget on the demo page, in a real headless Chromium. */
@Tag("browser")
class WidgetBrowserTest {

    static SearchContext widget(ChromeDriver d) {
        return d.findElement(By.cssSelector("[data-daejeon-battery-widget]")).getShadowRoot();
    }

    /** Loads the demo page and opens the widget; returns when the greeting is shown. */
    static void openWidget(ChromeDriver driver, WebDriverWait wait, TestServer server) {
        driver.get(server.uri("/").toString());
        wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
        widget(driver).findElement(By.cssSelector(".launcher")).click();
        wait.until(d -> messages(driver).size() == 1);
    }

    static List<WebElement> messages(ChromeDriver d) {
        return widget(d).findElements(By.cssSelector(".log li.msg"));
    }

    @Test
    void askClickQuickReplyReloadHandoffAndStaffReplyLive() throws Exception {
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()))) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                driver.get(server.uri("/").toString());
                wait.until(d -> !driver.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                WebElement launcher = widget(driver).findElement(By.cssSelector(".launcher"));
                assertEquals("false", launcher.getAttribute("aria-expanded"));
                // Keyboard only: Enter on the launcher opens the panel and moves focus to the input;
                // Escape closes it and gives focus back to the launcher.
                driver.executeScript("arguments[0].focus()", launcher);
                driver.switchTo().activeElement().sendKeys(Keys.ENTER);
                wait.until(d -> messages(driver).size() == 1);
                assertEquals("true", launcher.getAttribute("aria-expanded"));
                assertEquals("dialog", widget(driver).findElement(By.cssSelector(".panel")).getAttribute("role"));
                assertEquals("log", widget(driver).findElement(By.cssSelector(".log")).getAttribute("role"));
                assertEquals("TEXTAREA", driver.executeScript(
                        "return document.querySelector('[data-daejeon-battery-widget]').shadowRoot.activeElement.tagName"));
                driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
                wait.until(d -> "false".equals(launcher.getAttribute("aria-expanded")));
                assertTrue(launcher.getAttribute("class").contains("launcher"));
                assertEquals("BUTTON", driver.executeScript(
                        "return document.querySelector('[data-daejeon-battery-widget]').shadowRoot.activeElement.tagName"));
                launcher.click();
                wait.until(d -> messages(driver).size() == 1);
                assertTrue(messages(driver).get(0).getText().contains("안녕하세요"));

                WebElement input = widget(driver).findElement(By.cssSelector("textarea"));
                input.sendKeys("신청 마감이 언제예요?");
                input.sendKeys(Keys.ENTER);
                wait.until(d -> messages(driver).size() == 3);
                assertTrue(messages(driver).get(2).getText().contains("접수"), messages(driver).get(2).getText());
                List<WebElement> replies = widget(driver).findElements(By.cssSelector(".replies button"));
                assertTrue(replies.size() >= 2);
                WebElement howToApply = replies.stream().filter(b -> b.getText().equals("신청 방법")).findFirst().orElseThrow();
                howToApply.click();
                wait.until(d -> messages(driver).size() == 5);
                assertTrue(messages(driver).get(4).getText().contains("온라인"));

                input.sendKeys("<img src=x onerror=\"window.__xss=1\">" + Keys.ENTER);
                wait.until(d -> messages(driver).size() == 7);
                assertTrue(messages(driver).get(5).getText().contains("<img src=x"));
                assertNull(driver.executeScript("return window.__xss"));
                Browser.screenshot(driver, "widget-desktop");

                // Reload: the conversation continues with its history.
                driver.navigate().refresh();
                wait.until(d -> !driver.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                widget(driver).findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> messages(driver).size() == 7);
                String token = (String) driver.executeScript(
                        "var k=Object.keys(localStorage).find(function(x){return x.indexOf('daejeon-battery-chat')===0});"
                                + "return JSON.parse(localStorage.getItem(k)).token;");
                assertTrue(driver.getCurrentUrl().indexOf(token) < 0, "token never in the URL");

                // Handoff, then a staff reply arrives live.
                WebElement box = widget(driver).findElement(By.cssSelector("textarea"));
                box.sendKeys("상담원 연결해 주세요" + Keys.ENTER);
                wait.until(d -> widget(driver).findElement(By.cssSelector(".status")).isDisplayed());
                assertTrue(widget(driver).findElement(By.cssSelector(".status")).getText().contains("대기"));
                String cookie = staffLogin(server);
                String ticket = TestServer.json(staff(server, cookie, "GET", "/staff/api/tickets", null)).get("tickets").get(0)
                        .get("ticket").get("id").asText();
                assertEquals(200, staff(server, cookie, "POST", "/staff/api/tickets/" + ticket + "/claim", "").statusCode());
                assertEquals(200, staff(server, cookie, "POST", "/staff/api/tickets/" + ticket + "/reply",
                        "{\"text\":\"안녕하세요, 김담당입니다. https://example.kr/guide 참고하세요\"}").statusCode());
                wait.until(d -> widget(driver).findElements(By.cssSelector(".log li.msg.staff")).size() == 1);
                WebElement staffMsg = widget(driver).findElement(By.cssSelector(".log li.msg.staff"));
                assertTrue(staffMsg.getText().contains("김담당"));
                assertEquals("https://example.kr/guide", staffMsg.findElement(By.cssSelector("a")).getAttribute("href"));
                assertTrue(widget(driver).findElement(By.cssSelector(".status")).getText().contains("김담당"));

                driver.manage().window().setSize(new org.openqa.selenium.Dimension(360, 740));
                Browser.screenshot(driver, "widget-phone");
                WebElement panel = widget(driver).findElement(By.cssSelector(".panel"));
                assertTrue(panel.getSize().getWidth() <= 360, "fits a 360-px phone: " + panel.getSize());
            } finally {
                driver.quit();
            }
        }
    }

    static String staffLogin(TestServer server) {
        HttpResponse<String> r = server.postJson("/staff/api/login", "{\"username\":\"kim\",\"password\":\"kim-pass\"}", null);
        String c = r.headers().firstValue("Set-Cookie").orElseThrow();
        return c.substring(0, c.indexOf(';')) + "|" + TestServer.json(r).get("csrfToken").asText();
    }

    static HttpResponse<String> staff(TestServer server, String cookieAndCsrf, String method, String path, String body) {
        String[] p = cookieAndCsrf.split("\\|");
        HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Cookie", p[0]).header("X-CSRF-Token", p[1]);
        if (method.equals("GET")) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        }
        return server.send(b);
    }
}
