package kr.daejeon.battery.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import kr.daejeon.battery.support.UnansweredQuestionSet;
import org.junit.jupiter.api.Test;

/**
 * The indexed grouping gives exactly the groups of the plain one it replaced (every question against
 * every group's first question), on a realistic backlog with many near-duplicates.
 */
class QuestionGroupsEquivalenceTest {

    /** The grouping as it was before the inverted index: one Jaccard per existing group. */
    static List<List<UnansweredQuestion>> plainClusters(List<UnansweredQuestion> questions) {
        List<List<UnansweredQuestion>> clusters = new ArrayList<>();
        List<Set<String>> centroids = new ArrayList<>();
        for (UnansweredQuestion q : questions) {
            Set<String> grams = QuestionGroups.features(q.text());
            int best = -1;
            double bestScore = QuestionGroups.SIMILAR;
            for (int i = 0; i < clusters.size(); i++) {
                double score = QuestionGroups.jaccard(grams, centroids.get(i));
                if (score >= bestScore) {
                    best = i;
                    bestScore = score;
                }
            }
            if (best < 0) {
                clusters.add(new ArrayList<>(List.of(q)));
                centroids.add(grams);
            } else {
                clusters.get(best).add(q);
            }
        }
        return clusters;
    }

    @Test
    void sameGroupsAsThePlainGroupingOnABacklog() {
        for (long seed : new long[] {1, 2, 3}) {
            List<UnansweredQuestion> questions = UnansweredQuestionSet.distinct(1500, seed);
            List<List<UnansweredQuestion>> expected = plainClusters(questions);
            assertEquals(expected, QuestionGroups.cluster(questions), "seed " + seed);
            // A backlog worth the test: real groups, and many questions on their own.
            assertTrue(expected.size() > 100 && expected.size() < 1400, expected.size() + " groups");
            assertTrue(expected.stream().anyMatch(c -> c.size() >= 5));
        }
    }

    @Test
    void tiesGoToTheLaterGroupAndTheBoundIsInclusive() {
        // "ab cd" vs "ab" and "cd": the same score (1/2) with both, so the later group wins, as before.
        List<UnansweredQuestion> questions = List.of(
                QuestionGroupsTest.q("parking", "en", "contact", 3),
                QuestionGroupsTest.q("venue", "en", "contact", 2),
                QuestionGroupsTest.q("parking venue", "en", "contact", 2),
                QuestionGroupsTest.q("deadline fee", "en", "contact", 1),
                // 2 shared of 5 words in all: exactly SIMILAR, which joins.
                QuestionGroupsTest.q("deadline fee documents apply form", "en", "contact", 0));
        List<List<UnansweredQuestion>> clusters = QuestionGroups.cluster(questions);
        assertEquals(plainClusters(questions), clusters);
        assertEquals(List.of(1, 2, 2), clusters.stream().map(List::size).toList());
        assertEquals("venue", clusters.get(1).get(0).text());
    }
}
