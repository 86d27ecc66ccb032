package kr.daejeon.battery.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Runs axe-core (vendored under src/test/resources/axe, MPL-2.0) in the page, open shadow roots
 * included, with the WCAG 2.0–2.2 A/AA rules and best practices (KWCAG 2.2 follows WCAG).
 */
final class Axe {

    private static String source;

    private Axe() {
    }

    private static synchronized String source() {
        if (source == null) {
            try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
                source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return source;
    }

    /** The serious and critical violations on the page, one line each: rule, impact, how many nodes, where. */
    @SuppressWarnings("unchecked")
    static List<String> seriousViolations(ChromeDriver driver) {
        if (!Boolean.TRUE.equals(driver.executeScript("return typeof window.axe === 'object'"))) {
            driver.executeScript(source());
        }
        driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(60));
        Object result = driver.executeAsyncScript(
                "var done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a','wcag2aa','wcag21a','wcag21aa','wcag22aa',"
                        + "'best-practice']}, rules: {'target-size': {enabled: true}}, resultTypes: ['violations']})"
                        + ".then(function (r) { done(r.violations.filter(function (v) {"
                        + "  return v.impact === 'serious' || v.impact === 'critical'; }).map(function (v) {"
                        + "  return v.id + ' (' + v.impact + ', ' + v.nodes.length + '): ' + v.nodes.slice(0, 3).map(function (n) {"
                        + "    return JSON.stringify(n.target) + ' ' + (n.failureSummary || '').split('\\n').slice(0, 2).join(' ');"
                        + "  }).join(' | '); })); }, function (e) { done(['axe failed: ' + e]); });");
        return new ArrayList<>((List<String>) result);
    }


    /** Fails with the list of serious and critical violations on {@code screen}, if there are any. */
    static void assertNoSeriousViolations(ChromeDriver driver, String screen) {
        List<String> found = seriousViolations(driver);
        if (!found.isEmpty()) {
            throw new AssertionError(screen + ": axe-core found serious or critical violations: " + found);
        }
    }
}
