package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One turn, two answers: the first (eligibility) ends with the pre-check offer, so its "자격 사전 확인" button is
 * shown with the second answer's buttons; and the panel shows the turn's first answer from its start rather than
 * scrolling it out of view to the bottom.
 */
@Tag("browser")
class WidgetTwoAnswersBrowserTest {

    @Test
    void theFirstAnswersOfferKeepsItsButtonAndTheTurnIsReadFromItsStart() throws Exception {
        try (TestServer server = TestServer.start(Map.of())) {
            for (int width : new int[] {1280, 390}) {
                ChromeDriver driver = Browser.start(width, width == 390 ? 844 : 900);
                try {
                    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
                    WidgetBrowserTest.openWidget(driver, wait, server);
                    WidgetBrowserTest.widget(driver).findElement(By.cssSelector("textarea"))
                            .sendKeys("우리 회사도 신청할 수 있나요? 그리고 접수 마감은 언제예요?" + Keys.ENTER);
                    wait.until(d -> WidgetBrowserTest.messages(driver).size() >= 4);
                    List<WebElement> msgs = WidgetBrowserTest.messages(driver);
                    WebElement first = msgs.get(2);
                    assertTrue(first.getText().contains("미리 확인해 보시겠어요?"), first.getText());
                    List<String> buttons = WidgetBrowserTest.widget(driver).findElements(By.cssSelector(".replies button"))
                            .stream().map(WebElement::getText).toList();
                    assertTrue(buttons.contains("자격 사전 확인"), buttons.toString());
                    WebElement log = WidgetBrowserTest.widget(driver).findElement(By.cssSelector(".log"));
                    Number offset = (Number) driver.executeScript(
                            "return arguments[0].getBoundingClientRect().top - arguments[1].getBoundingClientRect().top;", first, log);
                    assertTrue(offset.doubleValue() >= -1, "the first answer starts above the visible log: " + offset);
                    Browser.screenshot(driver, "widget-two-answers-" + width);
                    Axe.assertNoSeriousViolations(driver, "two answers (" + width + " px)");
                } finally {
                    driver.quit();
                }
            }
        }
    }
}
