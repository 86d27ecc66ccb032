package kr.daejeon.battery.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The curated content as text files: {@code intents/*.yaml}, {@code faq/*.yaml} (eligibility rules
 * and training sessions included) and {@code faq/qa/*.yaml}, keyed by their path relative to the
 * content root. One value is one version's content; the loaders read it back from a directory
 * written with {@link #writeTo}.
 */
public record ContentFiles(SortedMap<String, String> files) {

    public static final String INTENTS = "intents/";
    public static final String FAQ = "faq/";

    public ContentFiles {
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        for (String path : files.keySet()) {
            if (!isContentPath(path)) {
                throw new IllegalArgumentException("not a content file: " + path);
            }
        }
    }

    /** Only the three places the loaders read; never "..", never absolute. */
    static boolean isContentPath(String path) {
        return path.matches("(intents/|faq/|faq/qa/)[A-Za-z0-9_.-]+\\.ya?ml") && !path.contains("..");
    }

    /** Reads the repository's files (the bootstrap of an empty store). */
    public static ContentFiles read(Path intentsDir, Path faqDir) {
        SortedMap<String, String> out = new TreeMap<>();
        readInto(out, intentsDir, INTENTS);
        readInto(out, faqDir, FAQ);
        readInto(out, faqDir.resolve("qa"), FAQ + "qa/");
        return new ContentFiles(out);
    }

    private static void readInto(Map<String, String> out, Path dir, String prefix) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> list = Files.list(dir)) {
            for (Path f : list.filter(Files::isRegularFile).sorted().toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                    out.put(prefix + name, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the files under {@code root} ({@code root/intents}, {@code root/faq}); returns root. */
    public Path writeTo(Path root) {
        try {
            Files.createDirectories(root.resolve("intents"));
            Files.createDirectories(root.resolve("faq").resolve("qa"));
            for (Map.Entry<String, String> e : files.entrySet()) {
                Files.writeString(root.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes to a new temporary directory. */
    public Path writeToTemp(String label) {
        try {
            return writeTo(Files.createTempDirectory("content-" + label + "-"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What the model depends on: the training utterances (and the classifier settings, passed in).
     * Versions that only change answers share it, so they reuse the trained model.
     */
    public String modelKey(String settings) {
        StringBuilder b = new StringBuilder(settings).append('\n');
        files.forEach((path, text) -> {
            if (path.startsWith(INTENTS)) {
                b.append(path).append('\0').append(sha256(text)).append('\n');
            }
        });
        return sha256(b.toString()).substring(0, 32);
    }

    /** Files whose text differs (added, removed or changed), sorted by path. */
    public List<String> changedPaths(ContentFiles other) {
        TreeMap<String, Boolean> all = new TreeMap<>();
        files.keySet().forEach(p -> all.put(p, true));
        other.files.keySet().forEach(p -> all.put(p, true));
        List<String> out = new ArrayList<>();
        for (String p : all.keySet()) {
            if (!java.util.Objects.equals(files.get(p), other.files.get(p))) {
                out.add(p);
            }
        }
        return out;
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deletes a directory written by {@link #writeToTemp}; best effort. */
    public static void delete(Path root) {
        if (root == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a temp directory left behind is harmless
        }
    }
}
