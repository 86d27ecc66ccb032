package kr.daejeon.battery.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.nlu.LanguageDetector;

/**
 * A frozen evaluation set: questions written from real public Q&A, never trained on, pinned by
 * {@value #CHECKSUMS} so an edit cannot slip in unnoticed. Files (UTF-8, {@code #} comments, TAB-separated):
 * {@code questions-ko.tsv} and {@code questions-en.tsv} ({@code intent<TAB>text}, intent may be {@code a|b}),
 * {@code dialogues.tsv} ({@code first<TAB>second<TAB>expected_intent_of_second}); other files
 * (such as {@code answers.tsv}) are only checksummed here.
 */
public record FrozenEvalSet(Path dir, List<EvalQuestion> questions, List<EvalDialogue> dialogues) {

    public static final String CHECKSUMS = "SHA256SUMS";
    public static final String DIALOGUES = "dialogues.tsv";

    public FrozenEvalSet {
        questions = List.copyOf(questions);
        dialogues = List.copyOf(dialogues);
    }

    /** The file of a language's questions, e.g. {@code questions-ko.tsv}. */
    public static String questionsFile(Language language) {
        return "questions-" + language.code() + ".tsv";
    }

    /**
     * Reads the questions of both languages and the dialogues (each file optional, but at least one
     * must be there). Does not check the checksums: see {@link #checksumProblems(Path)}.
     */
    public static FrozenEvalSet load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("evaluation set not found: " + dir.toAbsolutePath());
        }
        List<EvalQuestion> questions = new ArrayList<>();
        for (Language language : Language.values()) {
            Path file = dir.resolve(questionsFile(language));
            if (Files.isRegularFile(file)) {
                questions.addAll(readQuestions(file, language));
            }
        }
        Path dialogues = dir.resolve(DIALOGUES);
        List<EvalDialogue> turns = Files.isRegularFile(dialogues) ? readDialogues(dialogues) : List.of();
        if (questions.isEmpty() && turns.isEmpty()) {
            throw new IllegalArgumentException(dir + " has none of " + questionsFile(Language.KO) + ", "
                    + questionsFile(Language.EN) + ", " + DIALOGUES);
        }
        return new FrozenEvalSet(dir, questions, turns);
    }

    public List<EvalQuestion> questions(Language language) {
        return questions.stream().filter(q -> q.language() == language).toList();
    }

    /** The language of a questions file, from its name: {@code questions-en.tsv}, {@code questions-casual-en.tsv} are English. */
    public static Language languageOf(Path file) {
        return file.getFileName().toString().endsWith("-en.tsv") ? Language.EN : Language.KO;
    }

    /** {@code intent<TAB>text} lines; the intent may be {@code a|b} for a message with two questions. */
    public static List<EvalQuestion> readQuestions(Path file, Language language) {
        List<EvalQuestion> out = new ArrayList<>();
        forEachRow(file, 2, (fields, where) -> {
            List<String> intents = Arrays.stream(fields[0].split("\\|")).map(String::trim).toList();
            if (intents.stream().anyMatch(String::isEmpty) || intents.size() > 2) {
                throw new IllegalArgumentException(where + ": intent must be 'a' or 'a|b' (got '" + fields[0] + "')");
            }
            out.add(new EvalQuestion(fields[1], language, intents, where));
        });
        return out;
    }

    /** {@code first<TAB>second<TAB>expected_intent_of_second} lines. */
    public static List<EvalDialogue> readDialogues(Path file) {
        List<EvalDialogue> out = new ArrayList<>();
        forEachRow(file, 3, (fields, where) -> out.add(new EvalDialogue(fields[0], fields[1], fields[2],
                LanguageDetector.detect(fields[0] + " " + fields[1], Language.KO), where)));
        return out;
    }

    /**
     * What is wrong with the set's checksums, in words; empty when every file listed in
     * {@value #CHECKSUMS} has its recorded SHA-256 and every {@code .tsv} in the directory is listed.
     */
    public static List<String> checksumProblems(Path dir) {
        Path sums = dir.resolve(CHECKSUMS);
        if (!Files.isRegularFile(sums)) {
            return List.of(sums + " is missing: a frozen set must pin its files (sha256sum *.tsv > " + CHECKSUMS + ")");
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> expected = new LinkedHashMap<>();
        List<String> lines = readLines(sums);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            // sha256sum writes "<hex>  <name>" (text mode) or "<hex> *<name>" (binary mode).
            String[] p = line.split("\\s+\\*?", 2);
            if (p.length != 2 || !p[0].matches("[0-9a-fA-F]{64}")) {
                problems.add(sums + ":" + (i + 1) + ": not a sha256sum line: " + line);
                continue;
            }
            expected.put(p[1].strip(), p[0].toLowerCase(java.util.Locale.ROOT));
        }
        expected.forEach((name, hash) -> {
            Path file = dir.resolve(name);
            if (!Files.isRegularFile(file)) {
                problems.add(file + " is listed in " + CHECKSUMS + " but missing");
                return;
            }
            String actual = sha256(file);
            if (!actual.equals(hash)) {
                problems.add(file + " changed: " + CHECKSUMS + " has " + hash + ", the file now hashes to " + actual
                        + ". A frozen evaluation set is never edited; add a new set (or, for a deliberate new"
                        + " version, a new " + CHECKSUMS + " with the reason in the commit message)");
            }
        });
        try (Stream<Path> files = Files.list(dir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tsv") && !expected.containsKey(n)).sorted()
                    .forEach(n -> problems.add(dir.resolve(n) + " is not listed in " + CHECKSUMS + ", so it is not frozen"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return problems;
    }

    /** Hex SHA-256 of a file's bytes, as sha256sum prints it. */
    public static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Row {
        void accept(String[] fields, String where);
    }

    private static void forEachRow(Path file, int columns, Row row) {
        List<String> lines = readLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String where = file.getFileName() + ":" + (i + 1);
            String[] fields = line.split("\t", -1);
            if (fields.length != columns) {
                throw new IllegalArgumentException(where + ": expected " + columns + " TAB-separated fields, found "
                        + fields.length + ": " + line);
            }
            for (int f = 0; f < fields.length; f++) {
                fields[f] = fields[f].strip();
                if (fields[f].isEmpty()) {
                    throw new IllegalArgumentException(where + ": field " + (f + 1) + " is empty");
                }
            }
            row.accept(fields, where);
        }
    }

    /** The lines of a UTF-8 file; a missing or undecodable file is the caller's mistake, named as such. */
    private static List<String> readLines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("file not found: " + file.toAbsolutePath());
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(file + " is not UTF-8", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
