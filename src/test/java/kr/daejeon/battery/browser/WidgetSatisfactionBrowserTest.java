package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.staff.StaffHistoryApiTest;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
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
 * When staff resolve, the widget shows a rating card (1-5, optional comment) that works by keyboard, takes one
 * rating, keeps it after a reload, and the rating shows on the ticket in the console.
 */
@Tag("browser")
class WidgetSatisfactionBrowserTest {

    static WebElement card(ChromeDriver driver) {
        List<WebElement> cards = WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".csat"));
        return cards.isEmpty() ? null : cards.get(cards.size() - 1);
    }

    @Test
    void theCustomerRatesTheConversationByKeyboardOnceAndStaffSeeIt() throws Exception {
        try (TestServer server = TestServer.start(Map.of("STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString()))) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                WidgetBrowserTest.openWidget(driver, wait, server);
                SearchContext w = WidgetBrowserTest.widget(driver);
                w.findElement(By.cssSelector("textarea")).sendKeys("상담원 연결해 주세요" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() >= 3);
                String conversation = (String) driver.executeScript(
                        "for (var i = 0; i < localStorage.length; i++) { var k = localStorage.key(i);"
                                + " if (/^daejeon-battery-chat:[^:]+:\\/\\/[^:]+(:\\d+)?$/.test(k)) return JSON.parse(localStorage.getItem(k)).id; }");
                TestStaff.Login kim = TestStaff.login(server, "kim");
                String ticket = StaffHistoryApiTest.ticketOfConversation(kim, conversation);
                assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/claim", "").statusCode());
                assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/reply", "{\"text\":\"서류는 공고문 3쪽에 있습니다.\"}").statusCode());
                assertEquals(200, kim.post("/staff/api/tickets/" + ticket + "/resolve", "").statusCode());

                // The question arrives live, as a card in the conversation.
                wait.until(d -> card(driver) != null);
                WebElement card = card(driver);
                assertTrue(card.getText().contains("상담 만족도"), card.getText());
                List<WebElement> radios = card.findElements(By.cssSelector("input[type=radio]"));
                assertEquals(5, radios.size());
                assertEquals("5 – 매우 만족", radios.get(4).getAttribute("aria-label"));
                for (WebElement option : card.findElements(By.cssSelector(".csat-score"))) {
                    assertTrue(option.getSize().getHeight() >= 24 && option.getSize().getWidth() >= 24, "target " + option.getSize());
                }
                // Sending without a score asks for one and sends nothing.
                card.findElement(By.cssSelector(".csat-send")).click();
                wait.until(d -> card.findElement(By.cssSelector(".csat-status")).getText().contains("점수를 먼저"));

                // Keyboard: the first score, arrows to 4, a comment, the button.
                driver.executeScript("arguments[0].focus()", radios.get(0));
                radios.get(0).sendKeys(Keys.SPACE);
                radios.get(0).sendKeys(Keys.ARROW_RIGHT);
                driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
                driver.switchTo().activeElement().sendKeys(Keys.ARROW_RIGHT);
                assertTrue(radios.get(3).isSelected(), "arrows move the choice to 4");
                driver.switchTo().activeElement().sendKeys(Keys.TAB);
                driver.switchTo().activeElement().sendKeys("친절했어요 <b>굵게</b>");
                assertEquals("친절했어요 <b>굵게</b>", card.findElement(By.cssSelector("textarea")).getAttribute("value"),
                        "Tab goes from the scores to the comment");
                Browser.screenshot(driver, "widget-csat-desktop");
                Axe.assertNoSeriousViolations(driver, "satisfaction card (1280 px)");
                driver.switchTo().activeElement().sendKeys(Keys.TAB);
                driver.switchTo().activeElement().sendKeys(Keys.ENTER);
                wait.until(d -> card.findElement(By.cssSelector(".csat-status")).getText().contains("평가해 주셔서 감사합니다"));
                assertFalse(radios.get(0).isEnabled(), "one rating: not changeable once sent");
                assertFalse(card.findElement(By.cssSelector(".csat-send")).isDisplayed());

                JsonNode stored = TestServer.json(kim.get("/staff/api/tickets/" + ticket)).get("ticket").get("satisfaction");
                assertEquals(4, stored.get("score").asInt());
                assertEquals("친절했어요 <b>굵게</b>", stored.get("comment").asText());

                // After a reload the card says it was sent.
                driver.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> card(driver) != null);
                assertTrue(card(driver).findElements(By.cssSelector("input[type=radio]")).get(3).isSelected());
                assertFalse(card(driver).findElements(By.cssSelector("input[type=radio]")).get(3).isEnabled());

                // Phone width: the card fits the screen.
                driver.manage().window().setSize(new Dimension(390, 844));
                driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", card(driver));
                Browser.screenshot(driver, "widget-csat-phone");
                Axe.assertNoSeriousViolations(driver, "satisfaction card (390 px)");
                assertTrue(card(driver).getRect().getX() + card(driver).getRect().getWidth() <= 390, "no overflow: " + card(driver).getRect());

                // Staff see the rating and the comment, as text, on the resolved ticket.
                driver.manage().window().setSize(new Dimension(1280, 900));
                Browser.consoleLogin(driver, wait, server, "kim");
                driver.findElement(By.cssSelector(".nav-btn[data-view=history]")).click();
                wait.until(d -> !d.findElements(By.cssSelector("#history-results button.link")).isEmpty());
                driver.findElement(By.cssSelector("#history-results button.link")).click();
                wait.until(d -> d.findElement(By.id("csat-box")).isDisplayed());
                String shown = driver.findElement(By.id("csat")).getText();
                assertTrue(shown.contains("4점 / 5점") && shown.contains("친절했어요 <b>굵게</b>"), shown);
                assertEquals(0, driver.findElements(By.cssSelector("#csat b")).size(), "customer text is escaped");
                Browser.screenshot(driver, "console-ticket-csat-desktop");
                Axe.assertNoSeriousViolations(driver, "resolved ticket with rating");
            } finally {
                driver.quit();
            }
        }
    }
}
