package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * KWCAG 2.2 / WCAG 2.2 AA: axe-core finds nothing serious or critical on the widget closed and open, on desktop
 * and phone, with calendar links, during the pre-check and during an after-hours handoff; and what axe cannot
 * see: focus after a quick reply by keyboard, the announced typing indicator, reflow at 400% zoom, Korean
 * wrapping, icons that never render as boxes.
 */
@Tag("browser")
class WidgetAccessibilityBrowserTest {

    // Sunday 2026-12-06 03:00 in Seoul, staff MON-FRI 09:00-18:00: a handoff is after hours.
    private static final Instant SUNDAY_NIGHT = Instant.parse("2026-12-05T18:00:00Z");

    private static void assertNoSeriousViolations(ChromeDriver driver, String where) {
        List<String> found = Axe.seriousViolations(driver);
        assertTrue(found.isEmpty(), where + ": " + String.join("\n", found));
    }

    private static WebElement input(ChromeDriver d) {
        return WidgetBrowserTest.widget(d).findElement(By.cssSelector("textarea"));
    }

    private static String activeTag(ChromeDriver d) {
        return (String) d.executeScript(
                "var a=document.querySelector('[data-daejeon-battery-widget]').shadowRoot.activeElement;return a?a.tagName:null");
    }

    @Test
    void desktopAndPhoneHaveNoSeriousViolationsAndKeyboardAndScreenReaderUsersCanChat() throws Exception {
        // Confirmed ('source: public') training sessions: only those get the calendar links checked below.
        String faq = kr.daejeon.battery.support.TestContent.confirmedTrainingSessions().toString();
        try (TestServer server = TestServer.start(Map.of("BUSINESS_HOURS", "MON-FRI 09:00-18:00", "FAQ_DIR", faq),
                new MutableClock(SUNDAY_NIGHT))) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                driver.get(server.uri("/").toString());
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                assertNoSeriousViolations(driver, "closed");
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 1);
                assertNoSeriousViolations(driver, "open");
                SearchContext w = WidgetBrowserTest.widget(driver);

                // The typing indicator is a polite live region, filled while an answer is being prepared.
                WebElement typing = w.findElement(By.cssSelector(".typing"));
                assertEquals("status", typing.getAttribute("role"));
                assertEquals("polite", typing.getAttribute("aria-live"));
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 1500,
                        "downloadThroughput", -1, "uploadThroughput", -1));
                input(driver).sendKeys("교육 일정 알려 주세요" + Keys.ENTER);
                wait.until(d -> !typing.getText().isEmpty());
                assertTrue(typing.getText().contains("답변을 준비"), typing.getText());
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 3);
                wait.until(d -> typing.getText().isEmpty());
                driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                        "downloadThroughput", -1, "uploadThroughput", -1));

                // Calendar links: an SVG icon (no emoji that renders as a box), at least 24 px tall.
                List<WebElement> calendar = w.findElements(By.cssSelector(".links a[download]"));
                assertTrue(!calendar.isEmpty(), "calendar links");
                for (WebElement a : calendar) {
                    assertTrue(!a.getText().contains("📅") && !a.findElements(By.cssSelector("svg")).isEmpty(), a.getText());
                    assertTrue(a.getSize().getHeight() >= 24, "target size " + a.getSize());
                }
                WebElement answer = WidgetBrowserTest.messages(driver).get(2);
                assertEquals("keep-all", driver.executeScript("return getComputedStyle(arguments[0]).wordBreak", answer));
                assertTrue(!answer.getText().matches("(?s).*\\d{4}-\\d{2}-\\d{2}.*"), "no ISO dates: " + answer.getText());
                assertTrue(answer.getText().matches("(?s).*\\d{4}년 \\d{1,2}월 \\d{1,2}일 \\([월화수목금토일]\\).*"), answer.getText());
                assertNoSeriousViolations(driver, "answer with calendar links");

                // A quick reply chosen with the keyboard leaves the focus in the composer.
                WebElement reply = w.findElements(By.cssSelector(".replies button")).get(0);
                driver.executeScript("arguments[0].focus()", reply);
                driver.switchTo().activeElement().sendKeys(Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 5);
                assertEquals("TEXTAREA", activeTag(driver));

                // The pre-check, with its buttons.
                input(driver).sendKeys("자격 사전 확인" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() >= 7);
                assertNoSeriousViolations(driver, "pre-check");
                input(driver).sendKeys("그만하기" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() >= 9);

                // An English message carries lang="en".
                input(driver).sendKeys("When is the application deadline?" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() >= 11
                        && WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".pending")).isEmpty());
                List<WebElement> all = WidgetBrowserTest.messages(driver);
                assertEquals("en", all.get(all.size() - 1).getAttribute("lang"));
                assertEquals("en", all.get(all.size() - 2).getAttribute("lang"));

                // After hours: the handoff with the privacy notice.
                input(driver).sendKeys("상담원 연결해 주세요" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".privacy")).isDisplayed());
                assertNoSeriousViolations(driver, "after-hours handoff");
                Browser.screenshot(driver, "widget-a11y-desktop");

                driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                Thread.sleep(300);
                assertNoSeriousViolations(driver, "phone, handoff");
                Browser.screenshot(driver, "widget-a11y-phone");

                // 400% zoom of a 1280 × 1024 window: 320 × 256 CSS pixels. The log keeps room to read, nothing
                // scrolls sideways, and the composer is there.
                driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", 320, "height", 256,
                        "deviceScaleFactor", 1, "mobile", false));
                Thread.sleep(300);
                Browser.screenshot(driver, "widget-zoom-400");
                WebElement log = w.findElement(By.cssSelector(".log"));
                long logHeight = (Long) driver.executeScript("return arguments[0].clientHeight", log);
                assertTrue(logHeight >= 120, "message log at 400% zoom is " + logHeight + " px tall");
                WebElement panel = w.findElement(By.cssSelector(".panel"));
                assertEquals(Boolean.TRUE, driver.executeScript("return arguments[0].scrollWidth <= arguments[0].clientWidth + 1", panel),
                        "no sideways scrolling: " + driver.executeScript("return arguments[0].scrollWidth + ' > ' + arguments[0].clientWidth", panel));
                assertTrue(input(driver).isDisplayed());
                assertEquals(Boolean.TRUE, driver.executeScript(
                        "var r=arguments[0].getBoundingClientRect();return r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1",
                        input(driver)));
                assertNoSeriousViolations(driver, "400% zoom");
            } finally {
                driver.quit();
            }
        }
    }
}
