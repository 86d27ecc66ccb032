package kr.daejeon.battery.site;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The site's info page states money and dates with the year they belong to: the 2024 budget is not shown as if
 * current, and the newest call's figures (public-facts.md, 2026 call) are there with its closing date and sources.
 */
class InfoPageFiguresTest {

    static String page() throws Exception {
        try (InputStream in = InfoPageFiguresTest.class.getResourceAsStream("/webroot/site/index.html")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void everyBudgetFigureNamesItsYearAndTheNewestCallIsShownAsClosed() throws Exception {
        String html = page();
        // Each paragraph or list item that gives an amount in 억 원 / won names the year it belongs to.
        Matcher block = Pattern.compile("<(p|li)[^>]*>(.*?)</\\1>", Pattern.DOTALL).matcher(html);
        while (block.find()) {
            String text = block.group(2);
            if (text.matches("(?s).*\\d+억.*|(?s).*(billion|million) won.*")) {
                assertTrue(text.matches("(?s).*20\\d\\d.*"), "an amount without its year: " + text);
            }
        }
        assertTrue(html.contains("5억 4천만") && html.contains("540 million won"), "the 2026 call's budget");
        assertTrue(html.contains("2월 12일 접수 마감") && html.contains("closed 12 February 2026"), "the 2026 call is closed");
        assertTrue(html.contains("출처:") && html.contains("2026-01-28") && html.contains("Sources:"), "sources named");
    }
}
