package kr.daejeon.battery.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kr.daejeon.battery.nlu.ClassifierSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code eval --clinc FILE --encoder minilm} end to end on a small file in CLINC150's format. */
class ClincEvalTest {

    static final Map<String, List<String>> INTENTS = Map.of(
            "weather", List.of("what is the weather like today", "will it rain this afternoon", "how hot is it outside",
                    "is it going to be sunny tomorrow", "what's the forecast for the weekend", "is it snowing in the city",
                    "do i need an umbrella", "how cold will it be tonight", "weather report please"),
            "balance", List.of("what is my account balance", "how much money do i have in checking",
                    "tell me the balance of my savings", "how much is left in my bank account", "check my balance please",
                    "what's the amount in my account", "what are my funds", "how much cash do i have", "balance of my card"),
            "alarm", List.of("set an alarm for 7 am", "wake me up at six tomorrow", "create an alarm for noon",
                    "i need an alarm at 5:30", "please set my alarm for 8 in the morning", "alarm for half past nine",
                    "rouse me at dawn", "ring me awake at 6", "alarm at ten"),
            "oos", List.of("who won the football game", "tell me a joke", "what is the capital of peru",
                    "how do i cook pasta", "play some jazz music", "translate hello into french", "who wrote hamlet",
                    "how tall is mount everest", "recommend a good movie"));

    @TempDir
    Path dir;

    @Test
    void reportsTheNgramModelAndTheEnsembleWithThresholdsChosenOnVal() throws Exception {
        Map<String, List<List<String>>> splits = new LinkedHashMap<>();
        for (String split : List.of("train", "val", "test", "oos_train", "oos_val", "oos_test")) {
            splits.put(split, new ArrayList<>());
        }
        INTENTS.forEach((intent, texts) -> {
            String prefix = "oos".equals(intent) ? "oos_" : "";
            for (int i = 0; i < texts.size(); i++) {
                String split = i < 5 ? "train" : i < 7 ? "val" : "test";
                splits.get(prefix + split).add(List.of(texts.get(i), intent));
            }
        });
        Path file = dir.resolve("clinc.json");
        new ObjectMapper().writeValue(file.toFile(), splits);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = EvalCommand.run(List.of("--no-cv", "--clinc", file.toString(), "--encoder", "minilm"),
                ClassifierSettings.defaults(), Path.of("intents"), new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, code);
        assertTrue(out.contains("-- n-gram maximum-entropy model"), out);
        assertTrue(out.contains("sentence vectors (minilm, 36 texts)"), out);
        assertTrue(out.contains("-- n-gram + sentence-vector ensemble (vector weight"), out);
        Matcher oosTrain = Pattern.compile("oos-train \\(threshold 0\\): +in-scope accuracy ([0-9.]+)%").matcher(out);
        List<Double> accuracies = new ArrayList<>();
        while (oosTrain.find()) {
            accuracies.add(Double.parseDouble(oosTrain.group(1)));
        }
        assertEquals(2, accuracies.size(), out);
        // Test sentences share few words with training; the vectors must not make things worse.
        assertTrue(accuracies.get(1) >= accuracies.get(0), out);
        assertTrue(accuracies.get(1) >= 80.0, out);
    }

    @Test
    void anUnknownEncoderIsNamed() throws Exception {
        Path file = dir.resolve("clinc.json");
        Files.writeString(file, "{\"train\":[[\"set an alarm\",\"alarm\"],[\"weather today\",\"weather\"]],\"oos_train\":[],"
                + "\"val\":[],\"oos_val\":[],\"test\":[],\"oos_test\":[]}");
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> EvalCommand.run(
                List.of("--no-cv", "--clinc", file.toString(), "--encoder", "word2vec"), ClassifierSettings.defaults(),
                Path.of("intents"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("word2vec"), e.getMessage());
    }
}
