package kr.daejeon.battery.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.LabeledUtterance;
import kr.daejeon.battery.nlu.Language;

/** Reads the CLINC150 data set (Larson et al., 2019); its "oos" label becomes our fallback intent. */
public final class Clinc150 {

    private final JsonNode root;

    private Clinc150(JsonNode root) {
        this.root = root;
    }

    public static Clinc150 load(Path file) throws IOException {
        return new Clinc150(new ObjectMapper().readTree(file.toFile()));
    }

    public List<LabeledUtterance> split(String... names) {
        List<LabeledUtterance> out = new ArrayList<>();
        for (String name : names) {
            JsonNode rows = root.get(name);
            if (rows == null) {
                throw new IllegalArgumentException("CLINC150 file has no split '" + name + "'");
            }
            for (JsonNode row : rows) {
                String intent = row.get(1).asText();
                out.add(new LabeledUtterance(row.get(0).asText(), "oos".equals(intent) ? IntentClassifier.FALLBACK : intent,
                        Language.EN));
            }
        }
        return out;
    }
}
