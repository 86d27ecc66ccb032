package kr.daejeon.battery.infra.memory;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import kr.daejeon.battery.reports.DailyCountStore;

/** Daily counts of one node, lost with the process (a one-node server never flushes them here anyway). */
public final class InMemoryDailyCountStore implements DailyCountStore {

    private final Map<String, Long> counts = new ConcurrentHashMap<>();

    @Override
    public void add(Map<String, Long> more) {
        more.forEach((k, n) -> counts.merge(k, n, Long::sum));
    }

    @Override
    public Map<String, Long> read(List<LocalDate> days) {
        Set<String> wanted = new HashSet<>();
        days.forEach(d -> wanted.add(d.toString()));
        Map<String, Long> out = new HashMap<>();
        counts.forEach((k, n) -> {
            if (wanted.contains(k.substring(0, k.indexOf('|')))) {
                out.put(k, n);
            }
        });
        return out;
    }
}
