package kr.daejeon.battery.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.faq.AnswerRenderer;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.faq.FaqEntry;
import kr.daejeon.battery.nlu.Classification;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.Language;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of understanding and answering one message (not part of the test suite; see docs/performance.md):
 * {@code java -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.openjdk.jmh.Main ClassifierBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBenchmark {

    private static final List<String> MESSAGES = List.of(
            "신청 마감이 언제예요?", "저희 회사도 신청할 수 있나요? 유성구에 공장이 있어요", "deadline이 언제예요?",
            "How do I apply for the program?", "교육 일정 알려주세요", "What documents are required?",
            "안녕하세요 저희는 배터리 소재 스타트업인데 유망기업으로 지원하면 어떤 혜택이 있는지 궁금합니다",
            "전기차 보조금 얼마예요", "상담원 연결해 주세요", "Is there a networking event?");

    private IntentClassifier classifier;
    private kr.daejeon.battery.nlu.Interpreter interpreter;
    private FaqCatalog faq;
    private AnswerRenderer renderer;
    private FaqEntry deadline;
    private int next;

    @Setup
    public void setUp() {
        AppConfig config = AppConfig.load(List.of(), Map.of());
        classifier = IntentClassifier.train(IntentCorpus.load(Path.of("intents")).utterances(), config.classifierSettings());
        renderer = new AnswerRenderer(ZoneId.of("Asia/Seoul"));
        faq = FaqCatalog.load(Path.of("faq"));
        deadline = faq.entry("application_deadline").orElseThrow();
        interpreter = new kr.daejeon.battery.nlu.Interpreter(new kr.daejeon.battery.nlu.LiveClassifier(classifier));
    }

    /** The whole reading of a message: clauses, classification (and a second one for a follow-up or two questions). */
    @Benchmark
    public kr.daejeon.battery.nlu.Interpreter.Understanding interpret() {
        next = (next + 1) % MESSAGES.size();
        return interpreter.interpret(MESSAGES.get(next), kr.daejeon.battery.nlu.DialogueContext.none(),
                Instant.parse("2026-12-06T01:00:00Z"), Language.KO, null);
    }

    /** Choosing the answer within a topic and its neighbours (Nori analysis and cosines over the variants). */
    @Benchmark
    public List<kr.daejeon.battery.faq.AnswerIndex.Match> rankAnswers() {
        next = (next + 1) % MESSAGES.size();
        return faq.index().rank(MESSAGES.get(next), List.of("eligibility", "application_deadline", "support_benefits"), 4);
    }

    @Benchmark
    public Classification classify() {
        next = (next + 1) % MESSAGES.size();
        return classifier.classify(MESSAGES.get(next));
    }

    @Benchmark
    public String renderDeadlineAnswer() {
        return renderer.render(deadline, Language.KO, Instant.parse("2026-12-06T01:00:00Z"));
    }
}
