package kr.daejeon.battery.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import kr.daejeon.battery.nlu.ClassifierSettings;
import kr.daejeon.battery.support.TestContent;
import org.junit.jupiter.api.Test;

/** {@code eval --add}: the same held-out evaluation before and after a proposed utterance, with a verdict. */
class EvalCompareTest {

    static final ClassifierSettings SETTINGS = new ClassifierSettings("MAXENT_QN", 200, 1, 0.05, 0.35, "ngrams");

    @Test
    void aProposalIsEvaluatedBeforeAndAfterWithoutTouchingTheIntents() throws Exception {
        Path intents = TestContent.intentsCopy();
        String original = Files.readString(intents.resolve("contact.yaml"));
        Path heldout = Path.of("src/test/resources/heldout");
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = EvalCommand.run(List.of("--intents", intents.toString(), "--no-cv", "--heldout", heldout.toString(),
                "--add", "contact:ko:사업 담당 부서 연락처 좀 알려 주세요"), SETTINGS, intents,
                new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        assertTrue(out.contains("1 utterance(s) added"), out);
        assertTrue(out.contains("ko before:") && out.contains("ko after:") && out.contains("en change:"), out);
        assertTrue(out.matches("(?s).*ko change: .*-> (IMPROVED|HURT|UNCHANGED).*"), out);
        assertEquals(original, Files.readString(intents.resolve("contact.yaml")), "the real intents are not changed");
    }

    @Test
    void verdictWeighsAccuracyRecallAndFalseFallbacks() {
        EvaluationReport before = new EvaluationReport();
        before.add("contact", "fallback");
        before.add("fallback", "fallback");
        EvaluationReport after = new EvaluationReport();
        after.add("contact", "contact");
        after.add("fallback", "fallback");
        assertEquals("IMPROVED", EvalCommand.verdict(before, after));
        assertEquals("HURT", EvalCommand.verdict(after, before));
        assertEquals("UNCHANGED", EvalCommand.verdict(before, before));
    }
}
