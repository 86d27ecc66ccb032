package kr.daejeon.battery.infra;

import io.vertx.core.Vertx;
import java.time.Clock;
import kr.daejeon.battery.channel.ChannelDirectory;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.feedback.RatingStore;
import kr.daejeon.battery.infra.memory.MemoryBackend;
import kr.daejeon.battery.infra.redis.RedisBackend;
import kr.daejeon.battery.learning.TrainingProposals;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.ratelimit.RateLimiter;
import kr.daejeon.battery.reports.DailyCounters;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.staff.StaffSessionStore;

/**
 * Where the server keeps its state, chosen once at start: this process's memory (one node, nothing to set up) or
 * Redis (shared by every node). Everything that keeps state comes from here, so no other class asks which it is.
 * Blocking stores: call them off the event loop. Closing it closes what it opened.
 */
public interface Backend extends AutoCloseable {

    /** The backend {@code config} names: Redis when {@code REDIS_URL} is set, else memory. */
    static Backend of(AppConfig config, Vertx vertx, Clock clock, ServiceMetrics metrics) {
        return !config.usesRedis() ? new MemoryBackend(config, vertx, clock, metrics)
                : new RedisBackend(config, vertx, clock, metrics);
    }

    /** {@code memory} or {@code redis}, for logs. */
    String name();

    /** The name with where the state is (e.g. the Redis nodes), for the start-up log. */
    default String description() {
        return name();
    }

    /** True when other nodes see this backend's state (then per-node buffers such as the daily counters are flushed). */
    boolean shared();

    SessionStore conversations();

    TicketStore tickets();

    /** Announces stored messages and ticket changes to the live listeners of every node. */
    MessageFeed feed();

    RateLimiter limiter(String scope, int perMinute);

    RatingStore ratings();

    UnansweredLog unanswered();

    ChannelDirectory channelDirectory();

    DeadLetterLog deadLetters();

    StaffSessionStore staffSessions();

    TrainingProposals proposals();

    DailyCounters dailyCounters();

    /** The versioned content set (intents, answers, rules, sessions) and its trained models. */
    kr.daejeon.battery.content.ContentStore contentStore();

    /** Per-account login back-off and lock-out, shared by every node when the backend is. */
    kr.daejeon.battery.staff.LoginLockout loginLockout(kr.daejeon.battery.staff.LoginLockout.Policy policy, Clock clock);

    /** The staff-access audit log (viewed, exported, erased), kept {@code retention}. */
    kr.daejeon.battery.staff.StaffAudit staffAudit(java.time.Duration retention, Clock clock);

    /** Staff accounts and their change log. */
    kr.daejeon.battery.staff.AccountStore accountStore();

    /** Deliveries and webhooks that must be finished even if this node dies (a Redis Stream, or this process). */
    kr.daejeon.battery.outbox.Outbox outbox();

    /** Whether this node can take traffic: memory is always writable, Redis is probed (see {@code RedisWriteProbe}). */
    kr.daejeon.battery.health.Readiness readiness();

    @Override
    void close();
}
