package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Nothing a company types into the widget is lost: not when its conversation expired on the server,
 * not while the browser is offline, not when sending fails and the page is reloaded.
 */
@Tag("browser")
class WidgetNothingLostBrowserTest {

    private static WebElement input(ChromeDriver d) {
        return WidgetBrowserTest.widget(d).findElement(By.cssSelector("textarea"));
    }

    private static List<WebElement> userMessages(ChromeDriver d) {
        return WidgetBrowserTest.widget(d).findElements(By.cssSelector(".log li.msg.user:not(.pending)"));
    }

    private static String lastBotText(ChromeDriver d) {
        List<WebElement> bots = WidgetBrowserTest.widget(d).findElements(By.cssSelector(".log li.msg.bot"));
        return bots.isEmpty() ? "" : bots.get(bots.size() - 1).getText();
    }

    private static String stored(ChromeDriver d, String suffix) {
        return (String) d.executeScript("return localStorage.getItem('daejeon-battery-chat:' + location.origin + arguments[0])",
                suffix);
    }

    @Test
    void anExpiredConversationIsReplacedAndTheMessageStillAnswered() throws Exception {
        MutableClock clock = new MutableClock(Instant.now());
        try (TestServer server = TestServer.start(Map.of("SESSION_TTL_MINUTES", "30"), clock)) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                WidgetBrowserTest.openWidget(driver, wait, server);
                input(driver).sendKeys("신청 방법 알려 주세요" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 3);
                String first = WidgetReconnectBrowserTest.storedConversationId(driver);

                clock.advance(Duration.ofMinutes(31));
                input(driver).sendKeys("신청 마감이 언제예요?" + Keys.ENTER);
                wait.until(d -> lastBotText(driver).contains("접수"));
                String second = WidgetReconnectBrowserTest.storedConversationId(driver);
                assertNotEquals(first, second, "a new conversation took over");
                assertEquals("", WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".error")).getText());
                List<WebElement> notices = WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log .notice"));
                assertEquals(1, notices.size(), "the user is told once");
                assertTrue(notices.get(0).getText().contains("만료"), notices.get(0).getText());
                assertTrue(userMessages(driver).get(userMessages(driver).size() - 1).getText().contains("신청 마감이 언제예요?"));

                // The new conversation holds the re-sent message exactly once, and a reload shows it.
                JsonNode transcript = transcript(server, driver);
                assertEquals(1, countUserTexts(transcript, "신청 마감이 언제예요?"));
                driver.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> userMessages(driver).stream().anyMatch(m -> m.getText().contains("신청 마감이 언제예요?")));

                // Expired while the page was closed: the reload says so in one line, and the next message works.
                clock.advance(Duration.ofMinutes(31));
                driver.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> !WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log .notice")).isEmpty());
                input(driver).sendKeys("제출 서류가 뭐예요?" + Keys.ENTER);
                wait.until(d -> userMessages(driver).stream().anyMatch(m -> m.getText().contains("제출 서류가 뭐예요?")));
                assertEquals("", WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".error")).getText());
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void whatIsTypedOfflineIsSentWhenTheConnectionIsBack() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
                WidgetBrowserTest.openWidget(driver, wait, server);
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", true, "latency", 0,
                        "downloadThroughput", -1, "uploadThroughput", -1));
                input(driver).sendKeys("신청 마감이 언제예요?" + Keys.ENTER);
                wait.until(d -> !WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log li.pending")).isEmpty());
                assertTrue(stored(driver, ":outbox").contains("신청 마감이 언제예요?"), "kept in localStorage while offline");
                // A draft typed but not sent is kept as well.
                input(driver).sendKeys("아직 안 보낸 글");
                assertEquals("아직 안 보낸 글", stored(driver, ":draft"));

                driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", false, "latency", 0,
                        "downloadThroughput", -1, "uploadThroughput", -1));
                wait.until(d -> lastBotText(driver).contains("접수"));
                assertTrue(WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log li.pending")).isEmpty());
                assertEquals(null, stored(driver, ":outbox"));
                assertEquals(1, countUserTexts(transcript(server, driver), "신청 마감이 언제예요?"));
                assertEquals("아직 안 보낸 글", input(driver).getAttribute("value"));
            } finally {
                driver.quit();
            }
        }
    }

    @Test
    void aFailedMessageSurvivesAReloadAndIsSentOnceWhenTheServerAnswersAgain() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
                WidgetBrowserTest.openWidget(driver, wait, server);
                driver.executeCdpCommand("Network.enable", Map.of());
                driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of("*/messages*")));
                input(driver).sendKeys("제출 서류가 뭐예요?" + Keys.ENTER);
                wait.until(d -> !WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".error")).getText().isEmpty());

                driver.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                // The panel opens by itself to show what is still waiting to be sent.
                wait.until(d -> WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log li.pending")).size() == 1);
                assertTrue(WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".log li.pending")).getText()
                        .contains("제출 서류가 뭐예요?"));

                driver.executeCdpCommand("Network.setBlockedURLs", Map.of("urls", List.of()));
                wait.until(d -> userMessages(driver).stream().anyMatch(m -> m.getText().contains("제출 서류가 뭐예요?")));
                wait.until(d -> WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log li.pending")).isEmpty());
                assertEquals(1, countUserTexts(transcript(server, driver), "제출 서류가 뭐예요?"));
                // The history is back too, in order: greeting first.
                assertTrue(WidgetBrowserTest.messages(driver).get(0).getText().contains("안녕하세요"));
                assertEquals("", WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".error")).getText());
            } finally {
                driver.quit();
            }
        }
    }

    private static JsonNode transcript(TestServer server, ChromeDriver driver) {
        JsonNode c;
        try {
            c = kr.daejeon.battery.session.JsonCodec.MAPPER.readTree(stored(driver, ""));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return TestServer.json(server.get("/api/v1/conversations/" + c.get("id").asText() + "/messages", c.get("token").asText()));
    }

    private static long countUserTexts(JsonNode transcript, String text) {
        long n = 0;
        for (JsonNode m : transcript.get("messages")) {
            if ("user".equals(m.get("from").asText()) && text.equals(m.get("text").asText())) {
                n++;
            }
        }
        return n;
    }
}
