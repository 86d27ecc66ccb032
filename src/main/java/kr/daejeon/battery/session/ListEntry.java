package kr.daejeon.battery.session;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record a turn also keeps in a {@link CappedList} (an unanswered question, say): a Redis store writes it
 * in the script that stores the turn when the list lives in its Redis, otherwise it is added after the turn.
 * Keeping it is best effort: a failure is logged, never the turn's failure.
 */
public record ListEntry<R>(CappedList<R> list, R entry) {

    private static final Logger LOG = LoggerFactory.getLogger(ListEntry.class);

    /** Adds the entry on its own (blocking when the list is in Redis). */
    public void addSeparately() {
        try {
            list.add(entry);
        } catch (RuntimeException e) {
            LOG.warn("{} entry not recorded: {}", list.name(), e.getMessage());
        }
    }
}
