package kr.daejeon.battery.nlu;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ko.KoreanAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * {@link IntentFeatures} plus Korean morphemes from Lucene's Nori analyzer, which strips particles
 * and endings ("지원자격은" → 지원, 자격). Kept as an alternative so the evaluation can measure
 * which features win; selected with {@code classifier_features: ngrams+nori}.
 *
 * <p>Thread-safe: Lucene analyzers keep per-thread token streams.
 */
public class MorphemeFeatures implements opennlp.tools.doccat.FeatureGenerator {

    private static final Analyzer NORI = new KoreanAnalyzer();

    @Override
    public Collection<String> extractFeatures(String[] tokens, Map<String, Object> extraInformation) {
        LinkedHashSet<String> features = new LinkedHashSet<>(IntentFeatures.extract(tokens));
        String text = String.join(" ", tokens);
        if (text.chars().anyMatch(TextNormalizer::isHangul)) {
            try (TokenStream ts = NORI.tokenStream("t", text)) {
                CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
                ts.reset();
                while (ts.incrementToken()) {
                    features.add("m=" + term);
                }
                ts.end();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return features;
    }
}
