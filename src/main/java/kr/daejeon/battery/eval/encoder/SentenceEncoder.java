package kr.daejeon.battery.eval.encoder;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.ArrayList;
import java.util.List;

/**
 * Dense sentence vectors from a pretrained English encoder: all-MiniLM-L6-v2 (quantized, 384
 * dimensions, mean-pooled and unit length), run in-process by ONNX Runtime from the model file
 * that its Maven artifact ships. Sparse n-grams cannot tell that "how much is left on my card"
 * and "what's my balance" mean the same; this can.
 *
 * <p>The encoder's libraries are a {@code provided} dependency: on the evaluation class path, not
 * in the service jar, which does not use them; without them this class does not load.
 */
public final class SentenceEncoder {

    public static final String MINILM = "minilm";
    public static final int DIMENSIONS = 384;

    private final EmbeddingModel model;

    private SentenceEncoder(EmbeddingModel model) {
        this.model = model;
    }

    /** Loads the model (about a second); thread-safe afterwards. */
    public static SentenceEncoder miniLm() {
        return new SentenceEncoder(new AllMiniLmL6V2QuantizedEmbeddingModel());
    }

    /** The vector of one text; empty or blank text gets a zero vector. */
    public float[] encode(String text) {
        if (isBlank(text)) {
            return new float[DIMENSIONS];
        }
        return model.embed(text).content().vector();
    }

    /** The vectors of many texts, in order (the model spreads a batch over the cores). */
    public List<float[]> encodeAll(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        int batch = 256;
        for (int from = 0; from < texts.size(); from += batch) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + batch));
            List<TextSegment> segments = new ArrayList<>(part.size());
            for (String t : part) {
                segments.add(TextSegment.from(isBlank(t) ? "." : t));
            }
            var embeddings = model.embedAll(segments).content();
            for (int i = 0; i < part.size(); i++) {
                String t = part.get(i);
                out.add(isBlank(t) ? new float[DIMENSIONS] : embeddings.get(i).vector());
            }
        }
        return out;
    }

    /** Blank as the model's library sees it: {@code trim} also drops control characters. */
    private static boolean isBlank(String text) {
        return text == null || text.trim().isEmpty();
    }
}
