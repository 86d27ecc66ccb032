package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** An error the server refuses a message with is told in the widget's language, by its code. */
@Tag("browser")
class WidgetErrorsBrowserTest {

    @Test
    void aMessageOverTheServersLimitIsRefusedInKorean() throws Exception {
        // The server's limit below the widget's own 2,000: the API's English "The message has 60 characters; the
        // limit is 50." was shown as it was in a Korean widget.
        try (TestServer server = TestServer.start(Map.of("MAX_MESSAGE_CHARS", "50"))) {
            ChromeDriver driver = Browser.start(390, 844);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                WidgetBrowserTest.openWidget(driver, wait, server);
                SearchContext w = WidgetBrowserTest.widget(driver);
                w.findElement(By.cssSelector("textarea")).sendKeys("신청 자격이 어떻게 되는지 자세히 알고 싶습니다. ".repeat(3) + Keys.ENTER);
                wait.until(d -> !w.findElement(By.cssSelector(".error")).getText().isEmpty());
                assertEquals("메시지가 너무 깁니다.", w.findElement(By.cssSelector(".error")).getText());
                Browser.screenshot(driver, "widget-error-phone");
                Axe.assertNoSeriousViolations(driver, "widget with an error (390 px)");
            } finally {
                driver.quit();
            }
        }
    }
}
