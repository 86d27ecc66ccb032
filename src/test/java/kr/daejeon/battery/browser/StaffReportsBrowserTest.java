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
import org.openqa.selenium.WebElement;
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

    @Test
    void chartsShowEveryNumberWithATableForScreenReaders() throws Exception {
        MutableClock clock = new MutableClock(ReportsApiTest.TUESDAY);
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", ReportsApiTest.ACCOUNTS.toString()), clock)) {
            ReportsApiTest.traffic(server, clock);
            // A rated ticket on the second day: first response after 2 minutes, resolved after 5, rated 5.
            kr.daejeon.battery.support.TestServer.Conversation c = server.newConversation("ko");
            server.say(c, "상담원 연결해 주세요");
            kr.daejeon.battery.support.TestStaff.Login kim = kr.daejeon.battery.support.TestStaff.login(server, "kim");
            String ticket = kr.daejeon.battery.staff.StaffHistoryApiTest.ticketOfConversation(kim, c.id());
            kim.post("/staff/api/tickets/" + ticket + "/claim", "");
            clock.advance(Duration.ofMinutes(2));
            kim.post("/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"안녕하세요\"}");
            clock.advance(Duration.ofMinutes(3));
            kim.post("/staff/api/tickets/" + ticket + "/resolve", "");
            server.postJson("/api/v1/conversations/" + c.id() + "/tickets/" + ticket + "/satisfaction", "{\"score\":5}", c.token());
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                Browser.consoleLogin(driver, wait, server, "kim");
                driver.findElement(By.cssSelector(".nav-btn[data-view=reports]")).click();
                wait.until(d -> d.findElements(By.cssSelector("figure.chart canvas")).size() == 6);
                assertEquals(Boolean.TRUE, driver.executeScript("return typeof window.Chart === 'function'"),
                        "the vendored chart library is served with the console");
                // Every chart is drawn (Chart.js attaches itself to the canvas) and named for screen readers.
                wait.until(d -> Boolean.TRUE.equals(driver.executeScript("return [...document.querySelectorAll('figure.chart canvas')]"
                        + ".every(c => window.Chart.getChart(c) !== undefined)")));
                for (WebElement canvas : driver.findElements(By.cssSelector("figure.chart canvas"))) {
                    assertEquals("img", canvas.getAttribute("role"));
                    assertTrue(canvas.getAttribute("aria-label").length() > 20, canvas.getAttribute("aria-label"));
                    assertTrue(canvas.getSize().getHeight() > 150, "drawn " + canvas.getSize());
                }
                driver.executeScript("document.getElementById('reports-title').scrollIntoView()");
                Browser.screenshot(driver, "console-report-charts-desktop");
                String kpis = driver.findElement(By.cssSelector(".kpis")).getText();
                assertTrue(kpis.contains("직원 없이 해결") && kpis.contains("5 / 5") && kpis.contains("2 / 4"), kpis);
                assertTrue(kpis.contains("첫 응답 (평균)\n2 분") || kpis.contains("첫 응답 (평균)\n2분"), kpis);
                assertTrue(driver.findElement(By.cssSelector("#chart-volume canvas")).getAttribute("aria-label").contains("대화 4"),
                        driver.findElement(By.cssSelector("#chart-volume canvas")).getAttribute("aria-label"));
                // The text alternative: the same numbers as a table, one click away.
                WebElement details = driver.findElement(By.cssSelector("#chart-satisfaction details"));
                details.findElement(By.tagName("summary")).click();
                String table = details.findElement(By.tagName("table")).getText();
                assertTrue(table.contains("5점") && table.contains("평균 점수"), table);
                driver.findElement(By.cssSelector("#chart-unanswered details summary")).click();
                assertTrue(driver.findElement(By.cssSelector("#chart-unanswered table")).getText().contains("mars"));
                driver.findElement(By.cssSelector("#chart-intents details summary")).click();
                assertTrue(driver.findElement(By.cssSelector("#chart-intents table")).getText().contains("접수 기간"));
                Axe.assertNoSeriousViolations(driver, "report charts (1280 px)");
                driver.manage().window().setSize(new Dimension(390, 844));
                wait.until(d -> driver.findElement(By.cssSelector("#chart-volume canvas")).getSize().getWidth() < 390);
                driver.executeScript("document.getElementById('chart-volume').scrollIntoView()");
                Browser.screenshot(driver, "console-report-charts-phone");
                Axe.assertNoSeriousViolations(driver, "report charts (390 px)");
            } finally {
                driver.quit();
            }
        }
    }
}
