package kr.daejeon.battery.learning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.session.JsonCodec;

/**
 * Writes an approved utterance into {@code intents/<intent>.yaml}, at the end of its language's
 * list, with a comment saying who approved it. The file stays human-editable; if the result does
 * not load, the old file is put back.
 */
public final class IntentFiles {

    private final Path dir;

    public IntentFiles(Path dir) {
        this.dir = dir;
    }

    public synchronized void append(String intent, Language language, String text, String note) {
        if (!intent.matches("[a-z_]+")) {
            throw new IllegalArgumentException("not an intent id: " + intent);
        }
        Path file = dir.resolve(intent + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no file for intent " + intent);
        }
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
            int block = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).equals(language.code() + ":")) {
                    block = i;
                }
            }
            if (block < 0) {
                throw new IllegalStateException(file + " has no '" + language.code() + ":' list");
            }
            int at = block + 1;
            while (at < lines.size() && (lines.get(at).startsWith("  ") || lines.get(at).isBlank())) {
                at++;
            }
            while (at > block + 1 && lines.get(at - 1).isBlank()) {
                at--;
            }
            // A JSON string is a valid YAML double-quoted scalar: any text is safe here.
            String oneLine = text.replace('\n', ' ').replace('\r', ' ').strip();
            lines.add(at, "  - " + JsonCodec.write(oneLine) + "  # " + note.replace('\n', ' '));
            Path backup = Files.createTempFile(dir.getFileName().toString(), ".bak");
            Files.copy(file, backup, StandardCopyOption.REPLACE_EXISTING);
            Files.write(file, lines, StandardCharsets.UTF_8);
            try {
                IntentCorpus.load(dir);
            } catch (RuntimeException e) {
                Files.copy(backup, file, StandardCopyOption.REPLACE_EXISTING);
                throw new IllegalStateException("the intents no longer load with this utterance: " + e.getMessage(), e);
            } finally {
                Files.deleteIfExists(backup);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
