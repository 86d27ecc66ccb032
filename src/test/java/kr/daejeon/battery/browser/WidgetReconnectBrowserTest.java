package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.support.TestRedis;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The widget across a server restart (Redis mode, same address): it reconnects by itself, shows
 * the staff reply sent while it was disconnected exactly once, counts it as unread while closed,
 * returns to the assistant on resolve, and "new chat" starts a fresh conversation.
 */
@Tag("browser")
class WidgetReconnectBrowserTest {

    @Test
    void reconnectsAfterADropAndMissesNothing() throws Exception {
        int port = TestRedis.freePort();
        Map<String, String> env = Map.of("PORT", Integer.toString(port), "REDIS_URL", TestRedis.shared().url(),
                "REDIS_KEY_PREFIX", "widget" + Tokens.random(6),
                "STAFF_ACCOUNTS_FILE", TestStaff.accountsFile("kim:김담당:agent").toString());
        ChromeDriver driver = Browser.start(1280, 900);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
            String conversationId;
            TestServer first = TestServer.start(env);
            try {
                driver.get(first.uri("/").toString());
                wait.until(d -> !d.findElements(By.cssSelector("[data-daejeon-battery-widget]")).isEmpty());
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 1);
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector("textarea")).sendKeys("상담원 연결해 주세요" + Keys.ENTER);
                wait.until(d -> WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".status")).isDisplayed());
                conversationId = storedConversationId(driver);
                // Close the panel: what arrives now must show up as unread.
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".launcher")).click();
            } finally {
                first.close();
            }
            try (TestServer second = TestServer.start(env)) {
                String staff = WidgetBrowserTest.staffLogin(second);
                String ticket = TestServer.json(WidgetBrowserTest.staff(second, staff, "GET", "/staff/api/tickets", null))
                        .get("tickets").get(0).get("ticket").get("id").asText();
                WidgetBrowserTest.staff(second, staff, "POST", "/staff/api/tickets/" + ticket + "/claim", "");
                assertEquals(200, WidgetBrowserTest.staff(second, staff, "POST", "/staff/api/tickets/" + ticket + "/reply",
                        "{\"text\":\"재접속 후에도 보이나요?\"}").statusCode());
                wait.until(d -> !WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".badge")).getText().isEmpty());
                assertTrue(Integer.parseInt(WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".badge")).getText()) >= 1);
                WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".launcher")).click();
                wait.until(d -> WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log li.msg.staff")).size() == 1);
                Thread.sleep(500);
                assertEquals(1, WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".log li.msg.staff")).size(),
                        "no duplicates after reconnecting");
                assertTrue(!WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".badge")).isDisplayed());

                assertEquals(200, WidgetBrowserTest.staff(second, staff, "POST", "/staff/api/tickets/" + ticket + "/resolve", "")
                        .statusCode());
                wait.until(d -> !WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".status")).isDisplayed());

                WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".head button")).stream()
                        .filter(b -> b.getText().equals("새 대화")).findFirst().orElseThrow().click();
                wait.until(d -> WidgetBrowserTest.messages(driver).size() == 1
                        && !conversationId.equals(storedConversationId(driver)));
                assertNotEquals(conversationId, storedConversationId(driver));
            }
        } finally {
            driver.quit();
        }
    }

    static String storedConversationId(ChromeDriver driver) {
        return (String) driver.executeScript(
                "var k=Object.keys(localStorage).find(function(x){return x.indexOf('daejeon-battery-chat')===0});"
                        + "return k ? JSON.parse(localStorage.getItem(k)).id : null;");
    }
}
