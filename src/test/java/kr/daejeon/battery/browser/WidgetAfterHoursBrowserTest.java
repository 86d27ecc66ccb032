package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
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

/** A handoff on a Sunday night: one bubble says what happens next, and contact details are asked for with a privacy notice. */
@Tag("browser")
class WidgetAfterHoursBrowserTest {

    @Test
    void afterHoursTheHandoffIsOneBubbleAndThePrivacyNoticeComesBeforeTheInput() throws Exception {
        // Sunday 2026-12-06 03:00 in Seoul.
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T18:00:00Z"));
        try (TestServer server = TestServer.start(Map.of("BUSINESS_HOURS", "MON-FRI 09:00-18:00", "RETENTION_DAYS", "30",
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()), clock)) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                WidgetBrowserTest.openWidget(driver, wait, server);
                SearchContext w = WidgetBrowserTest.widget(driver);
                WebElement privacy = w.findElement(By.cssSelector(".privacy"));
                assertFalse(privacy.isDisplayed(), "no notice before contact details are asked for");

                w.findElement(By.cssSelector("textarea")).sendKeys("상담원 연결해 주세요" + Keys.ENTER);
                wait.until(d -> privacy.isDisplayed());
                List<WebElement> all = WidgetBrowserTest.messages(driver);
                assertEquals(3, all.size(), "greeting, the question, ONE handoff bubble: "
                        + all.stream().map(WebElement::getText).toList());
                String bubble = all.get(2).getText();
                assertTrue(bubble.contains("09:00"), bubble);
                assertTrue(bubble.contains("대기 순서"), bubble);
                assertTrue(bubble.contains("이메일이나 전화번호"), bubble);

                // The assistant's own after-hours reply stays in view above the notice (it was scrolled away by a notice
                // that took most of the widget's height).
                assertEquals(Boolean.TRUE, driver.executeScript(
                        "var li=arguments[0], log=li.closest('.log'); var a=li.getBoundingClientRect(), b=log.getBoundingClientRect();"
                                + " return a.top >= b.top - 1 && a.top < b.bottom - 40", all.get(2)),
                        "the start of the handoff reply is visible in the log");
                wait.until(d -> privacy.findElements(By.cssSelector("details")).size() == 1);
                assertTrue(privacy.getSize().getHeight() < 160, "the folded notice is compact: " + privacy.getSize());
                // Folded, the notice names what it covers; unfolded it says it all.
                String folded = privacy.getText();
                for (String part : List.of("개인정보 수집·이용 안내", "수집 목적", "수집 항목", "보유 기간", "거부")) {
                    assertTrue(folded.contains(part), part + " in " + folded);
                }
                privacy.findElement(By.cssSelector("summary")).click();
                String notice = privacy.getText();
                // Served by GET /api/v1/privacy-notice: the period is the configured retention_days, not a figure in the widget.
                for (String part : List.of("30일", "동의하지 않으셔도", "개인정보처리방침")) {
                    assertTrue(notice.contains(part), part + " in " + notice);
                }
                Browser.screenshot(driver, "widget-after-hours-notice-open-desktop");
                privacy.findElement(By.cssSelector("summary")).click();
                assertEquals(Boolean.TRUE, driver.executeScript(
                        "var r=arguments[0];return !!(r.querySelector('.privacy').compareDocumentPosition(r.querySelector('textarea'))"
                                + " & Node.DOCUMENT_POSITION_FOLLOWING)", w), "the notice comes before the input");
                assertEquals("dbw-privacy", w.findElement(By.cssSelector("textarea")).getAttribute("aria-describedby"));
                Browser.screenshot(driver, "widget-after-hours-desktop");

                // A reload still shows the notice while the contact is asked for.
                driver.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                SearchContext w2 = WidgetBrowserTest.widget(driver);
                w2.findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 3);
                assertEquals(3, WidgetBrowserTest.messages(driver).size());
                wait.until(d -> w2.findElement(By.cssSelector(".privacy")).isDisplayed());

                // Without ticking the consent box the contact is refused: nothing is stored, the text comes back,
                // focus goes to the box.
                WebElement consent = w2.findElement(By.cssSelector("#dbw-consent"));
                assertFalse(consent.isSelected());
                assertTrue(consent.getSize().getHeight() >= 24, "target size " + consent.getSize());
                w2.findElement(By.cssSelector("textarea")).sendKeys("010-1234-5678" + Keys.ENTER);
                wait.until(d -> w2.findElement(By.cssSelector(".error")).getText().contains("동의해 주세요"));
                assertEquals(3, WidgetBrowserTest.messages(driver).size(), "not stored");
                wait.until(d -> "010-1234-5678".equals(w2.findElement(By.cssSelector("#dbw-input")).getAttribute("value")));
                assertEquals("dbw-consent", driver.executeScript("return arguments[0].activeElement && arguments[0].activeElement.id", w2));
                Axe.assertNoSeriousViolations(driver, "privacy notice with consent (1280 px)");
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
                Browser.screenshot(driver, "widget-consent-phone");
                Axe.assertNoSeriousViolations(driver, "privacy notice with consent (390 px)");
                driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 900));

                // Ticked (by keyboard): the same text goes with the consent and is stored with it.
                consent.sendKeys(Keys.SPACE);
                assertTrue(consent.isSelected());
                w2.findElement(By.cssSelector("textarea")).sendKeys(Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 5);
                assertTrue(WidgetBrowserTest.messages(driver).get(4).getText().contains("연락처를 받았습니다"),
                        WidgetBrowserTest.messages(driver).stream().map(WebElement::getText).toList().toString());
                wait.until(d -> !w2.findElement(By.cssSelector(".privacy")).isDisplayed());
                TestStaff.Login kim = TestStaff.login(server, "kim");
                JsonNode ticket = TestServer.json(kim.get("/staff/api/tickets")).get("tickets").get(0).get("ticket");
                assertEquals("010-1234-5678", ticket.get("contact").asText());
                assertEquals(kr.daejeon.battery.privacy.PrivacyNotice.VERSION, ticket.get("consent").get("noticeVersion").asText(), ticket.toString());
                assertEquals("[\"email\",\"phone\"]", ticket.get("consent").get("items").toString());

                // The console shows the consent with the contact.
                Browser.consoleLogin(driver, wait, server, "kim");
                wait.until(d -> !d.findElements(By.cssSelector("#queue .ticket-row")).isEmpty());
                driver.findElement(By.cssSelector("#queue .ticket-row")).click();
                wait.until(d -> d.findElement(By.id("consent")).isDisplayed());
                String shown = driver.findElement(By.id("consent")).getText();
                assertTrue(shown.contains("개인정보 수집·이용 동의") && shown.contains(kr.daejeon.battery.privacy.PrivacyNotice.VERSION) && shown.contains("이메일, 전화번호"), shown);
                Browser.screenshot(driver, "console-ticket-consent-desktop");
                Axe.assertNoSeriousViolations(driver, "ticket with consent");
            } finally {
                driver.quit();
            }
        }
    }
}
