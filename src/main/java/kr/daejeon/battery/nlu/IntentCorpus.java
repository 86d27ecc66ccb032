package kr.daejeon.battery.nlu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

/**
 * The curated training utterances in {@code intents/}: one YAML file per intent with
 * {@code intent:}, {@code ko:} and {@code en:} lists. Staff edit these files by hand, so a
 * mistake is reported with the file name rather than skipped.
 */
public final class IntentCorpus {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<LabeledUtterance> utterances;

    private IntentCorpus(List<LabeledUtterance> utterances) {
        this.utterances = Collections.unmodifiableList(utterances);
    }

    public static IntentCorpus of(List<LabeledUtterance> utterances) {
        return new IntentCorpus(new ArrayList<>(utterances));
    }

    public static IntentCorpus load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("intents directory not found: " + dir.toAbsolutePath());
        }
        List<LabeledUtterance> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> sorted = files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
            for (Path file : sorted) {
                all.addAll(readFile(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("no training utterances in " + dir.toAbsolutePath());
        }
        return new IntentCorpus(all);
    }

    private static List<LabeledUtterance> readFile(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
        }
        if (root == null || !root.hasNonNull("intent")) {
            throw new IllegalArgumentException(file + ": missing 'intent:'");
        }
        String intent = root.get("intent").asText().trim();
        List<LabeledUtterance> out = new ArrayList<>();
        for (Language lang : Language.values()) {
            JsonNode list = root.get(lang.code());
            if (list == null) {
                continue;
            }
            if (!list.isArray()) {
                throw new IllegalArgumentException(file + ": '" + lang.code() + ":' must be a list");
            }
            for (JsonNode item : list) {
                String text = item.asText().trim();
                if (!text.isEmpty()) {
                    out.add(new LabeledUtterance(text, intent, lang));
                }
            }
        }
        return out;
    }

    public List<LabeledUtterance> utterances() {
        return utterances;
    }

    public List<String> intents() {
        return utterances.stream().map(LabeledUtterance::intent).distinct().sorted().toList();
    }

    public long count(String intent, Language language) {
        return utterances.stream().filter(u -> u.intent().equals(intent) && u.language() == language).count();
    }
}
