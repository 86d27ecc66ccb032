package kr.daejeon.battery.feedback;

import java.util.List;
import java.util.Optional;

/**
 * Where answer ratings are kept: one per answer (a new rating of the same answer replaces the old one).
 * Chosen once at start: {@link InMemoryRatingStore} or {@link RedisRatingStore}. Blocking: call off the event loop.
 */
public interface RatingStore {

    /** Newest answers rated down, kept at most this many. */
    int DOWN_CAPACITY = 5000;

    /** Stores {@code rating} in place of an earlier rating of the same answer; returns that earlier rating's value. */
    Optional<String> put(AnswerRating rating);

    /** Answers whose last rating is down, newest first. */
    List<AnswerRating> recentDown(int limit);
}
