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
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The language button switches the whole conversation — labels, quick replies, the next answers — and is remembered. */
@Tag("browser")
class WidgetLanguageBrowserTest {

    private static WebElement langButton(SearchContext w) {
        return w.findElements(By.cssSelector(".head button")).stream()
                .filter(b -> b.getText().equals("English") || b.getText().equals("한국어")).findFirst().orElseThrow();
    }

    private static List<String> quickReplies(SearchContext w) {
        return w.findElements(By.cssSelector(".replies button")).stream().map(WebElement::getText).toList();
    }

    @Test
    void theLanguageButtonSwitchesTheConversationAndIsRemembered() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            ChromeDriver driver = Browser.start(1280, 900);
            try {
                WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
                WidgetBrowserTest.openWidget(driver, wait, server);
                SearchContext w = WidgetBrowserTest.widget(driver);
                assertEquals("ko", WidgetBrowserTest.messages(driver).get(0).getAttribute("lang"));
                assertTrue(quickReplies(w).contains("접수 기간"), quickReplies(w).toString());

                langButton(w).click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 2);
                WebElement greeting = WidgetBrowserTest.messages(driver).get(1);
                assertTrue(greeting.getText().startsWith("Hello!"), greeting.getText());
                assertEquals("en", greeting.getAttribute("lang"));
                assertEquals("Battery program help", w.findElement(By.cssSelector(".head h2")).getText());
                assertEquals("Type your question", w.findElement(By.cssSelector("textarea")).getAttribute("placeholder"));
                assertEquals("한국어", langButton(w).getText());
                assertTrue(quickReplies(w).contains("Application period"), quickReplies(w).toString());

                // The next answer is in English, from the quick reply in English.
                w.findElements(By.cssSelector(".replies button")).stream().filter(b -> b.getText().equals("Application period"))
                        .findFirst().orElseThrow().click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 4);
                WebElement answer = WidgetBrowserTest.messages(driver).get(3);
                assertEquals("en", answer.getAttribute("lang"), answer.getText());

                // Remembered on reload, and the server keeps the conversation's language.
                driver.navigate().refresh();
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                SearchContext w2 = WidgetBrowserTest.widget(driver);
                w2.findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 4);
                assertEquals("Battery program help", w2.findElement(By.cssSelector(".head h2")).getText());
                assertEquals("Send", w2.findElement(By.cssSelector("form button[type=submit]")).getText());

                // And back: Korean labels and a Korean greeting with Korean topics.
                langButton(w2).click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 5);
                assertEquals("ko", WidgetBrowserTest.messages(driver).get(4).getAttribute("lang"));
                assertTrue(quickReplies(w2).contains("접수 기간"), quickReplies(w2).toString());
                assertEquals("질문을 입력하세요", w2.findElement(By.cssSelector("textarea")).getAttribute("placeholder"));
            } finally {
                driver.quit();
            }
        }
    }
}
