package kr.daejeon.battery.learning;

import java.util.List;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.support.UnansweredQuestionSet;
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
 * Cost of grouping the learning console's backlog of distinct unanswered questions, indexed and (for
 * the numbers before) plain, as {@link QuestionGroupsEquivalenceTest} pins them to the same groups. Not
 * part of the test suite; see docs/content.md: {@code java -cp target/test-classes:target/classes:$(cat
 * target/classpath.txt) org.openjdk.jmh.Main QuestionGroupsBenchmark}. In this package because the
 * plain grouping and the clusters are package-private.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QuestionGroupsBenchmark {

    @Param({"1000", "5000"})
    public int questions;

    private List<UnansweredQuestion> backlog;

    @Setup
    public void setUp() {
        backlog = UnansweredQuestionSet.distinct(questions, 42);
    }

    @Benchmark
    public List<QuestionGroups.Group> indexed() {
        return QuestionGroups.group(backlog);
    }

    @Benchmark
    public List<List<UnansweredQuestion>> plain() {
        return QuestionGroupsEquivalenceTest.plainClusters(backlog);
    }
}
