package kr.daejeon.battery.session;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Work in Redis that must come before a turn, such as its rate-limit buckets, and that may share the
 * round trip in which a store takes the conversation's lock: on this machine a Redis round trip costs
 * the server more time than the turn's own logic. The check refuses by throwing, from {@link #run} or
 * from its {@link Verdict}; a store that took the lock in the same round trip releases it.
 */
public interface PipelinedCheck {

    /** No check. */
    PipelinedCheck NONE = inProcess(() -> { });

    /** A check that needs no Redis: stores run it on its own, before taking the lock. */
    static PipelinedCheck inProcess(Runnable check) {
        return new PipelinedCheck() {
            @Override
            public RedisClient redis() {
                return null;
            }

            @Override
            public Verdict queue(Pipeline pipeline) {
                throw new IllegalStateException("an in-process check is not pipelined");
            }

            @Override
            public void run() {
                check.run();
            }
        };
    }

    /** Reads the replies of what was queued, once the pipeline is synced; may use the connection again. */
    interface Verdict {
        void read(Jedis jedis);
    }

    /** The Redis the check's commands go to, or null when it needs none (it is then {@link #run}). */
    RedisClient redis();

    /** Queues the check's commands on a pipeline of a {@link #redis()} connection. */
    Verdict queue(Pipeline pipeline);

    /** The check in a round trip of its own. */
    void run();
}
