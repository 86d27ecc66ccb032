package kr.daejeon.battery.infra.memory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import kr.daejeon.battery.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs each job at once in this process; a job still running when the process stops is lost with it. */
public final class MemoryOutbox implements Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(MemoryOutbox.class);

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final AtomicLong running = new AtomicLong();

    @Override
    public void handle(String kind, Handler handler) {
        handlers.put(kind, handler);
    }

    @Override
    public void add(String kind, String payload) {
        Handler h = handlers.get(kind);
        if (h == null) {
            LOG.warn("no handler for outbox jobs of kind {}; job dropped", kind);
            return;
        }
        running.incrementAndGet();
        try {
            h.apply(payload).whenComplete((r, e) -> running.decrementAndGet());
        } catch (RuntimeException e) {
            running.decrementAndGet();
            LOG.warn("outbox job of kind {} failed: {}", kind, e.toString());
        }
    }

    @Override
    public void start() {
    }

    @Override
    public long backlog() {
        return running.get();
    }

    @Override
    public void close() {
    }
}
