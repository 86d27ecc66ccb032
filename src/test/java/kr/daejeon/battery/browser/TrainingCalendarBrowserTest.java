package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** In the widget, the training schedule answer offers each confirmed session as a calendar file that downloads. */
@Tag("browser")
class TrainingCalendarBrowserTest {

    @Test
    void scheduleAnswerHasWorkingCalendarLinks() throws Exception {
        // A fixed day, so the sessions are still ahead whenever this runs; confirmed ('source: public') sessions,
        // since example ones get no calendar file.
        MutableClock clock = new MutableClock(java.time.OffsetDateTime.parse("2026-11-25T10:00:00+09:00").toInstant());
        java.nio.file.Path faq = kr.daejeon.battery.support.TestContent.confirmedTrainingSessions();
        try (TestServer server = TestServer.start(Map.of("FAQ_DIR", faq.toString()), clock)) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                WidgetBrowserTest.openWidget(driver, wait, server);
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector("textarea")).sendKeys("교육 일정 알려주세요" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 3);
                List<WebElement> links = WidgetBrowserTest.messages(driver).get(2).findElements(By.cssSelector("a[download]"));
                assertTrue(links.size() >= 1, WidgetBrowserTest.messages(driver).get(2).getText());
                String href = links.get(0).getAttribute("href");
                assertTrue(href.startsWith(server.uri("/api/v1/training/sessions/").toString()) && href.contains(".ics?lang=ko"), href);
                assertTrue(links.get(0).getText().contains("캘린더에 추가"), links.get(0).getText());
                Object body = driver.executeAsyncScript(
                        "var done = arguments[arguments.length - 1]; fetch(arguments[0]).then(r => r.text()).then(done);", href);
                assertTrue(String.valueOf(body).startsWith("BEGIN:VCALENDAR"), String.valueOf(body));
                Browser.screenshot(driver, "widget-training-calendar");
            } finally {
                driver.quit();
            }
        }
    }
}
