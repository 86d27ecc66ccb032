package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget's JavaScript API on the example page: calls queued before widget.js loads run once it has, then
 * open, close, toggle, setLocale, reset and the ready/open/close/message events.
 */
@Tag("browser")
class WidgetApiBrowserTest {

    static boolean panelOpen(ChromeDriver driver) {
        return WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".panel")).isDisplayed();
    }

    @SuppressWarnings("unchecked")
    static List<String> events(ChromeDriver driver) {
        return (List<String>) driver.executeScript("return window.__events");
    }

    @Test
    void callsQueuedBeforeTheScriptLoadsRunAndEveryMethodAndEventWorks() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                // widget.js is held back, so the page's calls can only be queued by the stub.
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/widget.js")));
                driver.get(server.uri("/widget-example.html").toString());
                wait.until(d -> Boolean.TRUE.equals(driver.executeScript(
                        "return typeof window.DaejeonBatteryChat === 'function' && Array.isArray(window.DaejeonBatteryChat.q)")));
                assertTrue(driver.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty(), "not loaded yet");
                driver.executeScript("window.__events = [];"
                        + "['ready','open','close','message'].forEach(function (n) {"
                        + "  DaejeonBatteryChat('on', n, function (d) { window.__events.push(n + (d && d.from ? ':' + d.from : '')"
                        + "    + (d && d.locale ? ':' + d.locale : '')); }); });"
                        + "DaejeonBatteryChat('setLocale', 'en'); DaejeonBatteryChat('open');");
                // Now the script arrives (as a late async script would).
                driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
                driver.executeScript("var s = document.createElement('script'); s.src = '/widget.js'; s.dataset.locale = 'ko';"
                        + "document.head.appendChild(s);");
                wait.until(d -> events(driver).stream().anyMatch(e -> e.startsWith("ready")));
                assertTrue(panelOpen(driver), "the queued open() ran");
                SearchContext w = WidgetBrowserTest.widget(driver);
                assertEquals("en", w.findElement(By.cssSelector(".panel")).getAttribute("lang"), "the queued setLocale('en') ran");
                assertTrue(events(driver).contains("ready:en"), events(driver).toString());
                assertTrue(events(driver).contains("open"), events(driver).toString());
                wait.until(d -> events(driver).contains("message:bot"));

                // Methods on the loaded API, both styles.
                driver.executeScript("DaejeonBatteryChat.close()");
                assertTrue(!panelOpen(driver) && events(driver).contains("close"));
                driver.executeScript("DaejeonBatteryChat('toggle')");
                assertTrue(panelOpen(driver));
                driver.executeScript("DaejeonBatteryChat.toggle()");
                assertTrue(!panelOpen(driver));
                assertEquals(Boolean.FALSE, driver.executeScript("return DaejeonBatteryChat.isOpen()"));

                // The example page's buttons.
                driver.findElement(By.id("ex-open")).click();
                wait.until(d -> panelOpen(driver));
                driver.findElement(By.id("ex-ko")).click();
                wait.until(d -> "ko".equals(WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".panel")).getAttribute("lang")));
                w.findElement(By.cssSelector("textarea")).sendKeys("교육 일정 알려주세요" + Keys.ENTER);
                wait.until(d -> events(driver).contains("message:user"));
                wait.until(d -> events(driver).stream().filter(e -> e.equals("message:bot")).count() >= 2);
                wait.until(d -> !d.findElement(By.id("ex-events")).getText().isEmpty());
                Browser.screenshot(driver, "widget-example-desktop");
                Axe.assertNoSeriousViolations(driver, "widget example page (1280 px)");

                // off(): no more events for that listener.
                driver.executeScript("window.__closes = 0; window.__c = function () { window.__closes++; };"
                        + "DaejeonBatteryChat.on('close', window.__c); DaejeonBatteryChat.close(); DaejeonBatteryChat.off('close', window.__c);"
                        + "DaejeonBatteryChat.open(); DaejeonBatteryChat.close();");
                assertEquals(1L, driver.executeScript("return window.__closes"));

                // reset(): the conversation is forgotten; the next open starts a new one.
                String before = (String) driver.executeScript("for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
                        + " if (/^daejeon-battery-chat:[^:]+:\\/\\/[^:]+(:\\d+)?$/.test(k)) return localStorage.getItem(k); } return null;");
                assertTrue(before != null && before.contains("\"id\""), String.valueOf(before));
                driver.executeScript("DaejeonBatteryChat.reset(); DaejeonBatteryChat.open();");
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 1);
                String after = (String) driver.executeScript("for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
                        + " if (/^daejeon-battery-chat:[^:]+:\\/\\/[^:]+(:\\d+)?$/.test(k)) return localStorage.getItem(k); } return null;");
                wait.until(d -> {
                    String now = (String) driver.executeScript("for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
                            + " if (/^daejeon-battery-chat:[^:]+:\\/\\/[^:]+(:\\d+)?$/.test(k)) return localStorage.getItem(k); } return null;");
                    return now != null && !now.equals(before);
                });
                assertTrue(after == null || !after.equals(before), "a new conversation");

                driver.manage().window().setSize(new Dimension(390, 844));
                driver.executeScript("DaejeonBatteryChat.close()");
                Browser.screenshot(driver, "widget-example-phone");
                Axe.assertNoSeriousViolations(driver, "widget example page (390 px)");
            } finally {
                driver.quit();
            }
        }
    }
}
