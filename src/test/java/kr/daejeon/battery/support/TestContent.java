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
    public static Path faqWith(String fileName, String from, String to) {
        try {
            Path dir = Files.createTempDirectory("faq-copy");
            try (Stream<Path> files = Files.list(Path.of("faq"))) {
                for (Path f : files.toList()) {
                    String text = Files.readString(f);
                    if (f.getFileName().toString().equals(fileName)) {
                        if (!text.contains(from)) {
                            throw new IllegalArgumentException(fileName + " does not contain: " + from);
                        }
                        text = text.replace(from, to);
                    }
                    Files.writeString(dir.resolve(f.getFileName()), text);
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
