package kr.daejeon.battery.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every rating store does; run against memory and a real Redis. */
abstract class RatingStoreContract {

    static final Instant T0 = Instant.parse("2026-12-01T01:00:00Z");

    protected RatingStore store;

    protected abstract RatingStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
    }

    static AnswerRating rating(String conversation, long message, String value, int minutes) {
        return new AnswerRating(conversation, message, value, "application_deadline", "마감이 언제예요?",
                "[예시] 접수 기간은 …", "web", "ko", T0.plusSeconds(60L * minutes));
    }

    @Test
    void theLastRatingOfAnAnswerCounts() {
        assertEquals(Optional.empty(), store.put(rating("c1", 3, AnswerRating.UP, 0)));
        assertEquals(Optional.of("up"), store.put(rating("c1", 3, AnswerRating.UP, 1)));
        assertTrue(store.recentDown(10).isEmpty());
        assertEquals(Optional.of("up"), store.put(rating("c1", 3, AnswerRating.DOWN, 2)));
        List<AnswerRating> down = store.recentDown(10);
        assertEquals(1, down.size());
        assertEquals("마감이 언제예요?", down.get(0).question());
        assertEquals("[예시] 접수 기간은 …", down.get(0).answer());
        assertEquals(T0.plusSeconds(120), down.get(0).at());
        // Changed back: no longer listed.
        assertEquals(Optional.of("down"), store.put(rating("c1", 3, AnswerRating.UP, 3)));
        assertTrue(store.recentDown(10).isEmpty());
    }

    @Test
    void downRatedAnswersNewestFirstWithinTheLimit() {
        store.put(rating("c1", 3, AnswerRating.DOWN, 0));
        store.put(rating("c2", 5, AnswerRating.DOWN, 1));
        store.put(rating("c1", 7, AnswerRating.UP, 2));
        store.put(rating("c3", 3, AnswerRating.DOWN, 3));
        List<AnswerRating> down = store.recentDown(10);
        assertEquals(List.of("c3", "c2", "c1"), down.stream().map(AnswerRating::conversationId).toList());
        assertEquals(List.of("c3", "c2"), store.recentDown(2).stream().map(AnswerRating::conversationId).toList());
    }
}
