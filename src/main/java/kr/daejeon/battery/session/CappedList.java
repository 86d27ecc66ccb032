package kr.daejeon.battery.session;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The newest records of one kind, newest first, at most a capacity: a capped Redis list (shared by every node) or a
 * deque in this process, as the backend chose. Blocking when in Redis: call off the event loop.
 */
public interface CappedList<T> {

    void add(T record);

    /**
     * Retention: drops the entries older than {@code cutoff} from the old end (entries are added in time order).
     * Safe while others add: an entry is removed only if it is still the oldest. Returns how many went.
     */
    int sweep(Instant cutoff, Function<T, Instant> timeOf);

    /** Erasure: removes every entry that {@code match} selects (e.g. one conversation's). Returns how many. */
    int removeWhere(Predicate<T> match);

    List<T> recent(int limit);

    long size();
}
