package kr.daejeon.battery.outbox;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Work that must be finished even if the node that took it on dies: messenger deliveries (staff replies, "resolved",
 * satisfaction cards) and ticket webhooks. {@link #add} records a job; a handler registered for its kind runs it and
 * completes its stage when the job is finished — delivered, or given up and recorded as a dead letter. A job whose
 * handler never completed (the node died mid-retry) is run again by another node.
 *
 * <p>In memory mode a job lives and dies with the process (as everything else there does). With Redis it is an entry
 * in a Stream read by a consumer group: see {@code infra.redis.RedisOutbox}. Jobs are at least once: a handler may run
 * twice for a job when a node dies after sending but before it recorded the job done, so handlers pass a stable key
 * to platforms that de-duplicate (LINE's retry key).
 */
public interface Outbox extends AutoCloseable {

    /** The handler of one kind of job: given the payload, a stage that completes when the job is finished. */
    interface Handler extends Function<String, CompletionStage<?>> { }

    /** Registers the handler of {@code kind}; call before {@link #start}. */
    void handle(String kind, Handler handler);

    /** Records a job. Returns once it is stored where the outbox keeps jobs; it runs later, on any node. */
    void add(String kind, String payload);

    /** Starts running jobs (and, with Redis, taking over jobs a dead node left unfinished). */
    void start();

    /** Jobs recorded and not yet finished, for the metrics. */
    long backlog();

    @Override
    void close();
}
