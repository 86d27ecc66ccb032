package kr.daejeon.battery;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every command answers --help with its own usage, and starts nothing. */
class MainHelpTest {

    private static String run(String... args) throws Exception {
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            Main.run(args);
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void serveHelpPrintsServeUsageInsteadOfStarting() throws Exception {
        String help = run("serve", "--help");
        assertTrue(help.contains("serve [--config FILE]"), help);
        assertTrue(help.contains("--port 8081"), help);
        assertFalse(help.contains("hash-password"), help);
    }

    @Test
    void optionsWithoutACommandMeanServe() throws Exception {
        String help = run("--port", "9090", "--help");
        assertTrue(help.contains("--port 8081"), help);
        assertFalse(help.contains("hash-password"), help);
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        assertTrue(run("eval", "--help").contains("--heldout DIR"));
        assertTrue(run("train", "-h").contains("train --out FILE"));
        assertTrue(run("hash-password", "--help").contains("print its hash"));
        assertTrue(run("--help").contains("serve [--config FILE]"));
    }
}
