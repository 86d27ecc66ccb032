package kr.daejeon.battery.learning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import kr.daejeon.battery.nlu.Language;

/**
 * Replaces one language of an FAQ entry's answer in {@code faq/*.yaml}, leaving the rest of the file
 * (other entries, comments, the other language) as the office wrote it. The new text becomes a
 * literal block; the header line says who approved it.
 */
public final class FaqFiles {

    private static final String BLOCK_INDENT = "        ";

    private final Path dir;

    public FaqFiles(Path dir) {
        this.dir = dir;
    }

    /** Returns the file and its old content, so a caller can restore it if the result does not load. */
    public synchronized Edit replaceAnswer(String intent, Language language, String text, String note) {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                int entry = lines.indexOf("  - intent: " + intent);
                if (entry < 0) {
                    continue;
                }
                int answer = find(lines, entry + 1, "    answer:");
                int lang = answer < 0 ? -1 : find(lines, answer + 1, "      " + language.code() + ":");
                if (lang < 0) {
                    throw new IllegalStateException(file.getFileName() + ": entry '" + intent + "' has no answer." + language.code());
                }
                int end = lang + 1;
                while (end < lines.size() && (lines.get(end).startsWith(BLOCK_INDENT) || blankInsideBlock(lines, end))) {
                    end++;
                }
                List<String> replacement = new ArrayList<>();
                replacement.add("      " + language.code() + ": |-  # " + note.replace('\n', ' '));
                for (String line : text.strip().split("\\R")) {
                    replacement.add(line.isBlank() ? "" : BLOCK_INDENT + line.stripTrailing());
                }
                String before = String.join("\n", lines) + "\n";
                List<String> edited = new ArrayList<>(lines.subList(0, lang));
                edited.addAll(replacement);
                edited.addAll(lines.subList(end, lines.size()));
                Files.write(file, edited, StandardCharsets.UTF_8);
                return new Edit(file, before);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no FAQ entry for intent '" + intent + "' in " + dir);
    }

    /** One changed file and what it held before. */
    public record Edit(Path file, String previous) {

        public void undo() {
            try {
                Files.writeString(file, previous, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static boolean blankInsideBlock(List<String> lines, int i) {
        if (!lines.get(i).isBlank()) {
            return false;
        }
        int next = i + 1;
        while (next < lines.size() && lines.get(next).isBlank()) {
            next++;
        }
        return next < lines.size() && lines.get(next).startsWith(BLOCK_INDENT);
    }

    /** The first line from {@code from} equal to {@code line} or starting with it, before the next entry. */
    private static int find(List<String> lines, int from, String line) {
        for (int i = from; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("  - intent: ") || (!l.isEmpty() && !l.startsWith(" ") && !l.startsWith("#"))) {
                return -1;
            }
            if (l.equals(line) || l.startsWith(line + " ")) {
                return i;
            }
        }
        return -1;
    }
}
