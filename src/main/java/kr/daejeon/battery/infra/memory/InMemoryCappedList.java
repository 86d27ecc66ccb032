package kr.daejeon.battery.infra.memory;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import kr.daejeon.battery.session.CappedList;

/** A {@link CappedList} in this process: a deque under its own monitor. */
public final class InMemoryCappedList<T> implements CappedList<T> {

    private final int capacity;
    private final Deque<T> memory = new ArrayDeque<>();

    public InMemoryCappedList(int capacity) {
        this.capacity = capacity;
    }

    @Override
    public synchronized void add(T record) {
        memory.addFirst(record);
        while (memory.size() > capacity) {
            memory.removeLast();
        }
    }

    @Override
    public synchronized int sweep(Instant cutoff, Function<T, Instant> timeOf) {
        int removed = 0;
        while (!memory.isEmpty() && timeOf.apply(memory.peekLast()).isBefore(cutoff)) {
            memory.removeLast();
            removed++;
        }
        return removed;
    }

    @Override
    public synchronized int removeWhere(Predicate<T> match) {
        int before = memory.size();
        memory.removeIf(match);
        return before - memory.size();
    }

    @Override
    public synchronized List<T> recent(int limit) {
        return memory.stream().limit(limit).toList();
    }

    @Override
    public synchronized long size() {
        return memory.size();
    }
}
