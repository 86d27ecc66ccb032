package kr.daejeon.battery.reports;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Where {@link DailyCounters} flushes its counts: {@code infra.memory.InMemoryDailyCountStore} (they live and die
 * with the process) or {@code infra.redis.RedisDailyCountStore} (they survive restarts and add up over all nodes).
 * Counts are keyed {@code "date|metric|channel|intent"}. Blocking with Redis.
 */
public interface DailyCountStore {

    /** Adds {@code counts} to what is stored. */
    void add(Map<String, Long> counts);

    /** The stored counts of {@code days}, keyed as they were added. */
    Map<String, Long> read(List<LocalDate> days);
}
