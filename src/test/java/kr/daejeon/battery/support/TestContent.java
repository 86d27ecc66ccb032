package kr.daejeon.battery.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the real content with one edit, for tests of what the office might write. */
public final class TestContent {

    private TestContent() {
    }

    /** A temporary copy of {@code intents/}, for tests that change training data. */
    public static Path intentsCopy() {
        try {
            Path dir = Files.createTempDirectory("intents-copy");
            try (Stream<Path> files = Files.list(Path.of("intents"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A temporary copy of {@code faq/} where {@code from} is replaced by {@code to} in {@code fileName}. */
    /** A copy of faq/ whose (example) training sessions are all confirmed ('source: public'), so they get live status. */
    public static Path confirmedTrainingSessions() {
        return faqWith("training.yaml", "    source: example\n    course:",
                "    source: public\n    sources: [\"test: a session the office confirmed\"]\n    course:");
    }

    public static Path faqWith(String fileName, String from, String to) {
        try {
            Path dir = Files.createTempDirectory("faq-copy");
            Path source = Path.of("faq");
            boolean[] changed = {false};
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String relative = source.relativize(f).toString();
                    String text = Files.readString(f);
                    if (relative.equals(fileName)) {
                        if (!text.contains(from)) {
                            throw new IllegalArgumentException(fileName + " does not contain: " + from);
                        }
                        text = text.replace(from, to);
                        changed[0] = true;
                    }
                    Path target = dir.resolve(relative);
                    Files.createDirectories(target.getParent());
                    Files.writeString(target, text);
                }
            }
            if (!changed[0]) {
                throw new IllegalArgumentException("no content file " + fileName);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
