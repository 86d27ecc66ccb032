package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** "도움이 되었나요?" under every answer in the widget; a 👎 shows up for staff next to the unanswered questions. */
@Tag("browser")
class WidgetRatingBrowserTest {

    @Test
    void anAnswerRatedDownInTheWidgetIsListedInTheStaffConsole() throws Exception {
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()))) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                WidgetBrowserTest.openWidget(driver, wait, server);
                SearchContext w = WidgetBrowserTest.widget(driver);
                assertTrue(w.findElements(By.cssSelector(".rate")).isEmpty(), "the greeting is not rated");
                w.findElement(By.cssSelector("textarea")).sendKeys("제출 서류가 뭐예요?" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 3);
                WebElement answer = WidgetBrowserTest.messages(driver).get(2);
                String answerStart = answer.findElement(By.cssSelector("p")).getText().substring(0, 10);
                WebElement bar = answer.findElement(By.cssSelector(".rate"));
                assertTrue(bar.getText().contains("도움이 되었나요?"), bar.getText());
                WebElement up = bar.findElement(By.cssSelector("button.rate-up"));
                WebElement down = bar.findElement(By.cssSelector("button.rate-down"));
                assertEquals("도움이 되지 않았어요", down.getAttribute("aria-label"));
                assertTrue(down.getSize().getHeight() >= 24 && down.getSize().getWidth() >= 24, "target size " + down.getSize());

                up.click();
                wait.until(d -> "true".equals(up.getAttribute("aria-pressed")));
                down.click();
                wait.until(d -> "true".equals(down.getAttribute("aria-pressed")));
                assertEquals("false", up.getAttribute("aria-pressed"), "the last rating counts");
                assertTrue(bar.getText().contains("의견 고마워요"), bar.getText());
                List<String> violations = Axe.seriousViolations(driver);
                assertTrue(violations.isEmpty(), String.join("\n", violations));
                Browser.screenshot(driver, "widget-rating-desktop");

                // Remembered after a reload.
                driver.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 3);
                assertEquals("true", WidgetBrowserTest.messages(driver).get(2).findElement(By.cssSelector("button.rate-down"))
                        .getAttribute("aria-pressed"));

                // Staff see the question and the answer.
                Browser.consoleLogin(driver, wait, server, "kim");
                driver.findElement(By.cssSelector(".nav-btn[data-view=learning]")).click();
                WebElement panel = driver.findElement(By.id("feedback-panel"));
                driver.executeScript("arguments[0].open = true", panel);
                // The list is drawn again when the view's data arrive: an element found before that is stale.
                wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
                    List<WebElement> items = d.findElements(By.cssSelector("#feedback li"));
                    return !items.isEmpty() && items.get(0).isDisplayed() && items.get(0).getText().contains(answerStart);
                });
                Browser.screenshot(driver, "console-feedback");
                String listed = wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                        .until(d -> d.findElement(By.cssSelector("#feedback li")).getText());
                assertTrue(listed.contains("제출 서류가 뭐예요?") && listed.contains(answerStart),
                        listed);
                assertTrue(driver.findElement(By.id("feedback-count")).getText().contains("1건"));
            } finally {
                driver.quit();
            }
        }
    }
}
