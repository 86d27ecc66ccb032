package kr.daejeon.battery.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * axe-core accessibility checks in the page under test. The script is found at {@code AXE_CORE_JS},
 * else in {@code target/axe} (installed there with npm on first use: {@code npm install axe-core@4}).
 * It is injected through the driver, which the console's CSP does not restrict. Without npm the check
 * is skipped locally; on CI (CI=true) a missing axe-core fails.
 */
final class Axe {

    private static String script;

    private Axe() {
    }

    private static synchronized String script() throws Exception {
        if (script != null) {
            return script;
        }
        String env = System.getenv("AXE_CORE_JS");
        Path file = env != null && !env.isBlank() ? Path.of(env) : Path.of("target", "axe", "node_modules", "axe-core", "axe.min.js");
        if (!Files.isReadable(file)) {
            Path dir = Path.of("target", "axe");
            Files.createDirectories(dir);
            try {
                Process p = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--silent", "axe-core@4")
                        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("npm.log").toFile()).start();
                p.waitFor(180, TimeUnit.SECONDS);
            } catch (java.io.IOException e) {
                // no npm on this machine: handled below
            }
        }
        if (!Files.isReadable(file) && "true".equals(System.getenv("CI"))) {
            fail("axe-core not found at " + file + " (npm install axe-core@4 in target/axe, or set AXE_CORE_JS)");
        }
        assumeTrue(Files.isReadable(file), "axe-core is not available");
        script = Files.readString(file);
        return script;
    }

    /** Runs axe on the current page and fails on any serious or critical violation, listing them. */
    @SuppressWarnings("unchecked")
    static void assertNoSeriousViolations(ChromeDriver driver, String screen) throws Exception {
        driver.executeScript(script());
        driver.manage().timeouts().scriptTimeout(java.time.Duration.ofSeconds(30));
        Object result = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => v.impact + ' ' + v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))"
                + ".catch(e => done(['axe failed: ' + e]));");
        List<String> serious = (List<String>) result;
        assertEquals(List.of(), serious, "axe-core on " + screen);
        System.out.println("axe: " + screen + " — no serious or critical violations");
    }

}
