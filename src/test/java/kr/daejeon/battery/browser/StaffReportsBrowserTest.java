package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.reports.ReportsApiTest;
import kr.daejeon.battery.support.MutableClock;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The reports view: the last 14 days per day and per week, channel and topic bars, and the CSV download. */
@Tag("browser")
class StaffReportsBrowserTest {

    @Test
    void reportsShowTheCountsAndDownloadAsCsv() throws Exception {
        MutableClock clock = new MutableClock(ReportsApiTest.TUESDAY);
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", ReportsApiTest.ACCOUNTS.toString()), clock)) {
            ReportsApiTest.traffic(server, clock);
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                Browser.consoleLogin(driver, wait, server, "kim");
                driver.findElement(By.cssSelector(".nav-btn[data-view=reports]")).click();
                wait.until(d -> !d.findElements(By.cssSelector("table.report tr.total")).isEmpty());
                String total = driver.findElement(By.cssSelector("table.report tr.total")).getText();
                assertTrue(total.startsWith("합계 3 4 1 1 3분 1"), total);
                String day = driver.findElements(By.cssSelector("table.report tbody tr")).stream()
                        .filter(tr -> tr.getText().startsWith("2027-03-02")).findFirst().orElseThrow().getText();
                assertEquals("2027-03-02 2 3 1 1 3분 1", day);
                String bars = driver.findElement(By.id("reports-out")).getText();
                assertTrue(bars.contains("웹사이트") && bars.contains("접수 기간") && bars.contains("범위 밖 질문"), bars);
                Browser.screenshot(driver, "console-reports-desktop");
                Axe.assertNoSeriousViolations(driver, "reports (1280 px)");

                new Select(driver.findElement(By.id("r-by"))).selectByValue("week");
                wait.until(d -> d.findElements(By.cssSelector("table.report tbody tr")).size() == 4);
                String href = driver.findElement(By.id("reports-csv")).getAttribute("href");
                assertTrue(href.contains("format=csv") && href.contains("by=week"), href);
                Object csv = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text()).then(done, e => done('' + e));", href);
                assertTrue(String.valueOf(csv).contains("period,start,end,conversations"), String.valueOf(csv));
                driver.manage().window().setSize(new Dimension(768, 1024));
                Browser.screenshot(driver, "console-reports-tablet");
                Axe.assertNoSeriousViolations(driver, "reports (768 px)");
            } finally {
                driver.quit();
            }
        }
    }
}
