package kr.daejeon.battery.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.faq.Answer;
import kr.daejeon.battery.faq.AnswerIndex;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.nlu.Classification;
import kr.daejeon.battery.nlu.IntentClassifier;
import kr.daejeon.battery.nlu.IntentCorpus;
import kr.daejeon.battery.nlu.LabeledUtterance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 23, costs as work grows: classifying a message and choosing its answer when the program has {@code scale}
 * times the intents and curated answers it has today. The content is the real content copied {@code scale} times —
 * every copy a topic of its own whose wordings carry a marker word ({@code 사업3}, {@code program3}) — so the model
 * has {@code scale}× the outcomes and features and the index {@code scale}× the variants, with wordings as long and
 * as varied as the real ones. Not part of the test suite (docs/performance.md):
 * {@code java -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.openjdk.jmh.Main GrowthBenchmark}
 * Training time at each scale is one-shot, so it is measured by {@link #main} instead of JMH.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
public class GrowthBenchmark {

    private static final List<String> MESSAGES = List.of(
            "신청 마감이 언제예요?", "저희 회사도 신청할 수 있나요? 유성구에 공장이 있어요", "deadline이 언제예요?",
            "How do I apply for the program?", "교육 일정 알려주세요", "What documents are required?",
            "안녕하세요 저희는 배터리 소재 스타트업인데 유망기업으로 지원하면 어떤 혜택이 있는지 궁금합니다",
            "전기차 보조금 얼마예요", "상담원 연결해 주세요", "Is there a networking event?");

    /** The classifier trained at {@code scale}; a state of its own, so ranking is measured without the long training. */
    @State(Scope.Benchmark)
    public static class Trained {
        @Param({"1", "5", "20"})
        public int scale;
        IntentClassifier classifier;
        int next;

        @Setup
        public void setUp() {
            classifier = IntentClassifier.train(scaledUtterances(scale), AppConfig.load(List.of(), Map.of()).classifierSettings());
        }
    }

    /** The answer index built at {@code scale}. */
    @State(Scope.Benchmark)
    public static class Indexed {
        @Param({"1", "5", "20"})
        public int scale;
        AnswerIndex index;
        // A turn ranks within the classified topic and its neighbours: three topics, as in ClassifierBenchmark.
        final List<String> topics = List.of("eligibility", "application_deadline", "support_benefits");
        int next;

        @Setup
        public void setUp() {
            index = AnswerIndex.build(scaledAnswers(scale));
        }
    }

    @Benchmark
    public Classification classify(Trained t) {
        t.next = (t.next + 1) % MESSAGES.size();
        return t.classifier.classify(MESSAGES.get(t.next));
    }

    @Benchmark
    public List<AnswerIndex.Match> rankAnswers(Indexed x) {
        x.next = (x.next + 1) % MESSAGES.size();
        return x.index.rank(MESSAGES.get(x.next), x.topics, 4);
    }

    /** Training intents/ copied {@code scale} times (out of scope stays one class), as at start-up. */
    static List<LabeledUtterance> scaledUtterances(int scale) {
        List<LabeledUtterance> real = IntentCorpus.load(Path.of("intents")).utterances();
        List<LabeledUtterance> out = new ArrayList<>(real);
        for (int copy = 2; copy <= scale; copy++) {
            for (LabeledUtterance u : real) {
                if (u.intent().equals(IntentClassifier.FALLBACK)) {
                    continue;
                }
                String marker = switch (u.language()) {
                    case KO -> " 사업" + copy;
                    default -> " program" + copy;
                };
                out.add(new LabeledUtterance(u.text() + marker, u.intent() + "_" + copy, u.language()));
            }
        }
        return out;
    }

    /** The curated answers copied {@code scale} times, each copy under topics of its own. */
    static List<Answer> scaledAnswers(int scale) {
        List<Answer> real = new ArrayList<>(FaqCatalog.load(Path.of("faq")).answers().values());
        List<Answer> out = new ArrayList<>(real);
        for (int copy = 2; copy <= scale; copy++) {
            final int c = copy;
            for (Answer a : real) {
                out.add(new Answer(a.id() + "_" + c, a.topic() + "_" + c, a.sources(),
                        a.questionsKo().stream().map(q -> q + " 사업" + c).toList(),
                        a.questionsEn().stream().map(q -> q + " program" + c).toList(), a.entry()));
            }
        }
        return out;
    }

    /** One-shot costs: start-up training and index building at each scale. */
    public static void main(String[] args) {
        var settings = AppConfig.load(List.of(), Map.of()).classifierSettings();
        IntentClassifier.train(scaledUtterances(1), settings); // warm the JIT once
        for (String arg : args.length == 0 ? new String[] {"1", "5", "20"} : args) {
            int scale = Integer.parseInt(arg);
            List<LabeledUtterance> utterances = scaledUtterances(scale);
            // CPU time of this thread as well as wall time: on a shared machine the wall clock says more about the
            // neighbours than about the work (training runs on the calling thread).
            var threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long t0 = System.nanoTime(), c0 = threads.getCurrentThreadCpuTime();
            IntentClassifier c = IntentClassifier.train(utterances, settings);
            long t1 = System.nanoTime(), c1 = threads.getCurrentThreadCpuTime();
            List<Answer> answers = scaledAnswers(scale);
            long t2 = System.nanoTime(), c2 = threads.getCurrentThreadCpuTime();
            AnswerIndex.build(answers);
            long t3 = System.nanoTime(), c3 = threads.getCurrentThreadCpuTime();
            System.out.printf("scale %d: %d utterances, %d intents, training %.1f s CPU (%.1f s wall); "
                            + "%d answers, index %.2f s CPU (%.2f s wall)%n", scale, utterances.size(), c.intents().size(),
                    (c1 - c0) / 1e9, (t1 - t0) / 1e9, answers.size(), (c3 - c2) / 1e9, (t3 - t2) / 1e9);
        }
    }
}
