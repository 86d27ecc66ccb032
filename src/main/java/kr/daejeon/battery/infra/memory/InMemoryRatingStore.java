package kr.daejeon.battery.infra.memory;

import kr.daejeon.battery.feedback.AnswerRating;
import kr.daejeon.battery.feedback.RatingStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Ratings in this process (the memory mode): the newest {@value #CAPACITY} rated answers. */
public final class InMemoryRatingStore implements RatingStore {

    static final int CAPACITY = 50_000;

    // Insertion order = rating order (a new rating re-inserts), so the eldest is dropped first.
    private final LinkedHashMap<String, AnswerRating> ratings = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AnswerRating> eldest) {
            return size() > CAPACITY;
        }
    };

    @Override
    public synchronized Optional<String> put(AnswerRating rating) {
        AnswerRating before = ratings.remove(rating.key());
        ratings.put(rating.key(), rating);
        return Optional.ofNullable(before).map(AnswerRating::rating);
    }

    @Override
    public synchronized List<AnswerRating> recentDown(int limit) {
        List<AnswerRating> out = new ArrayList<>();
        List<AnswerRating> all = new ArrayList<>(ratings.values());
        for (int i = all.size() - 1; i >= 0 && out.size() < Math.min(limit, DOWN_CAPACITY); i--) {
            if (AnswerRating.DOWN.equals(all.get(i).rating())) {
                out.add(all.get(i));
            }
        }
        return out;
    }
}
