package kr.daejeon.battery.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.Language;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A frozen evaluation set stays frozen: every file has the SHA-256 recorded in its SHA256SUMS, so
 * an edit (or a "fix" to make a number look better) fails the build, and every line is readable and
 * labelled with an intent the assistant has.
 */
class FrozenEvalSetTest {

    /** The frozen sets to guard. Add a directory here when a new set is committed. */
    static final String FIXTURE = "src/test/resources/eval-fixture";
    static final String REAL = "src/test/resources/eval-real";

    @TempDir
    Path temp;

    @ParameterizedTest
    @ValueSource(strings = {FIXTURE, REAL})
    void everyFileHasItsRecordedChecksum(String dir) {
        List<String> problems = FrozenEvalSet.checksumProblems(Path.of(dir));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @ParameterizedTest
    @ValueSource(strings = {FIXTURE, REAL})
    void everyLineIsReadAndLabelledWithAnIntentTheAssistantHas(String dir) {
        FrozenEvalSet set = FrozenEvalSet.load(Path.of(dir));
        assertFalse(set.questions(Language.KO).isEmpty(), "no Korean questions in " + dir);
        assertFalse(set.questions(Language.EN).isEmpty(), "no English questions in " + dir);
        Set<String> known = new HashSet<>(IntentCorpus.load(Path.of("intents")).intents());
        Set<String> unknown = new java.util.TreeSet<>();
        set.questions().forEach(q -> q.intents().stream().filter(i -> !known.contains(i)).forEach(unknown::add));
        set.dialogues().stream().map(EvalDialogue::expectedIntent).filter(i -> !known.contains(i)).forEach(unknown::add);
        assertTrue(unknown.isEmpty(), dir + " uses intents that intents/ does not have (always counted wrong): " + unknown);
    }

    @Test
    void theFixtureIsReadAsWritten() {
        FrozenEvalSet set = FrozenEvalSet.load(Path.of(FIXTURE));
        assertEquals(8, set.questions(Language.KO).size());
        assertEquals(6, set.questions(Language.EN).size());
        EvalQuestion two = set.questions(Language.KO).get(5);
        assertEquals(List.of("application_process", "required_documents"), two.intents());
        assertEquals("application_process", two.intent(), "accuracy counts the first question");
        assertTrue(two.asksTwo());
        assertEquals("questions-ko.tsv:8", two.source());
        assertEquals(4, set.dialogues().size());
        EvalDialogue followUp = set.dialogues().get(1);
        assertEquals(Language.EN, followUp.language());
        assertEquals("training_enrollment", followUp.expectedIntent());
        assertEquals(Language.KO, set.dialogues().get(0).language());
    }

    @Test
    void anEditedFileFailsWithItsNameAndBothHashes() throws IOException {
        Path copy = copyOfFixture();
        Path ko = copy.resolve("questions-ko.tsv");
        String before = FrozenEvalSet.sha256(ko);
        Files.writeString(ko, "contact\t담당자 전화번호 알려 주세요\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        List<String> problems = FrozenEvalSet.checksumProblems(copy);
        assertEquals(1, problems.size(), problems.toString());
        String p = problems.get(0);
        assertTrue(p.contains("questions-ko.tsv changed"), p);
        assertTrue(p.contains(before) && p.contains(FrozenEvalSet.sha256(ko)), p);
        assertTrue(p.contains("never edited"), p);
    }

    @Test
    void aMissingFileAnUnlistedFileAndAMissingChecksumFileAreReported() throws IOException {
        Path copy = copyOfFixture();
        Files.delete(copy.resolve("answers.tsv"));
        Files.writeString(copy.resolve("extra.tsv"), "contact\t연락처\n");
        List<String> problems = FrozenEvalSet.checksumProblems(copy);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("answers.tsv is listed in SHA256SUMS but missing"), problems.toString());
        assertTrue(problems.get(1).contains("extra.tsv is not listed in SHA256SUMS"), problems.toString());
        Files.delete(copy.resolve(FrozenEvalSet.CHECKSUMS));
        assertTrue(FrozenEvalSet.checksumProblems(copy).get(0).contains("SHA256SUMS is missing"));
    }

    @Test
    void binaryModeChecksumLinesAreAccepted() throws IOException {
        Path copy = copyOfFixture();
        Path sums = copy.resolve(FrozenEvalSet.CHECKSUMS);
        Files.writeString(sums, Files.readString(sums).replace("  ", " *"));
        assertEquals(List.of(), FrozenEvalSet.checksumProblems(copy));
    }

    @Test
    void aMalformedLineIsNamedByFileAndLine() throws IOException {
        Path copy = copyOfFixture();
        Files.writeString(copy.resolve("questions-en.tsv"), "# comment\ncontact Who do I call?\n");
        var e = assertThrows(IllegalArgumentException.class, () -> FrozenEvalSet.load(copy));
        assertTrue(e.getMessage().startsWith("questions-en.tsv:2: expected 2 TAB-separated fields"), e.getMessage());
        Files.writeString(copy.resolve("questions-en.tsv"), "a|b|c\tthree questions?\n");
        e = assertThrows(IllegalArgumentException.class, () -> FrozenEvalSet.load(copy));
        assertTrue(e.getMessage().contains("questions-en.tsv:1: intent must be 'a' or 'a|b'"), e.getMessage());
        Files.write(copy.resolve("questions-en.tsv"), new byte[] {'a', '\t', (byte) 0xC3, 0x28});
        e = assertThrows(IllegalArgumentException.class, () -> FrozenEvalSet.load(copy));
        assertTrue(e.getMessage().endsWith("questions-en.tsv is not UTF-8"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrozenEvalSet.readDialogues(copy.resolve("none.tsv")));
        assertTrue(e.getMessage().startsWith("file not found: "), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FrozenEvalSet.load(copy.resolve("none")));
        assertTrue(e.getMessage().startsWith("evaluation set not found: "), e.getMessage());
    }

    private Path copyOfFixture() throws IOException {
        Path copy = temp.resolve("set");
        Files.createDirectories(copy);
        try (Stream<Path> files = Files.list(Path.of(FIXTURE))) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        return copy;
    }
}
