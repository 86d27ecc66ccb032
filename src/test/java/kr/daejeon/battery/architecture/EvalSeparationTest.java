package kr.daejeon.battery.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Evaluation-only code (the sentence encoder, the ensemble, the eval command, the frozen sets) lives in {@code eval}
 * and the service never depends on it: no main source outside {@code eval} names the package, and the encoder's
 * library (langchain4j, ONNX) is used nowhere else. {@code Main} alone may, to dispatch the {@code eval} command.
 * A plain scan of the sources: it reads imports and fully qualified names alike.
 */
class EvalSeparationTest {

    static final Path MAIN = Path.of("src/main/java/kr/daejeon/battery");
    static final Pattern EVAL = Pattern.compile("\\bkr\\.daejeon\\.battery\\.eval\\b");
    static final Pattern ENCODER_LIBRARY = Pattern.compile("\\bdev\\.langchain4j\\b|\\bai\\.onnxruntime\\b");

    @Test
    void theServiceNeverNamesTheEvalPackage() throws IOException {
        assertEquals(List.of(), offenders(EVAL), "service code must not depend on eval");
    }

    @Test
    void onlyEvalCodeUsesTheEncoderLibrary() throws IOException {
        assertEquals(List.of(), offenders(ENCODER_LIBRARY), "the sentence encoder is evaluation-only");
    }

    @Test
    void theScanSeesTheSources() throws IOException {
        assertTrue(serviceSources().size() > 100, "the scan must find the main sources (run from the project root)");
    }

    private static List<String> offenders(Pattern p) throws IOException {
        return serviceSources().stream().filter(f -> {
            try {
                return p.matcher(Files.readString(f)).find();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).map(f -> MAIN.relativize(f).toString()).sorted().toList();
    }

    /** Every main source except the eval package and the command-line entry point. */
    private static List<Path> serviceSources() throws IOException {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !MAIN.relativize(f).startsWith("eval"))
                    .filter(f -> !MAIN.relativize(f).toString().equals("Main.java"))
                    .toList();
        }
    }
}
