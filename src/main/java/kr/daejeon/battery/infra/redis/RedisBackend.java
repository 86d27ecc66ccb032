package kr.daejeon.battery.infra.redis;

import java.util.List;
import kr.daejeon.battery.config.ConfigException;
import kr.daejeon.battery.health.Readiness;

import io.vertx.core.Vertx;
import java.time.Clock;
import kr.daejeon.battery.channel.ChannelDirectory;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.feedback.RatingStore;
import kr.daejeon.battery.infra.Backend;
import kr.daejeon.battery.infra.memory.EventBusMessageFeed;
import kr.daejeon.battery.learning.TrainingProposals;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.ratelimit.RateLimiter;
import kr.daejeon.battery.reports.DailyCounters;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.staff.StaffSessionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything in one Redis through one connection pool ({@link RedisClient}), shared by every node. */
public final class RedisBackend implements Backend {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBackend.class);

    private final Vertx vertx;
    private final ServiceMetrics metrics;
    private final RedisClient redis;
    private final RedisWriteProbe probe;
    /** Where Redis is (its nodes), for the start-up log. */
    private final String description;
    private final RedisMessageFeed feed;
    private final RedisSessionStore conversations;
    private final RedisTicketStore tickets;
    private final RedisRatingStore ratings;
    private final UnansweredLog unanswered;
    private final ChannelDirectory directory;
    private final DeadLetterLog deadLetters;
    private final StaffSessionStore staffSessions;
    private final TrainingProposals proposals;
    private final DailyCounters daily;
    private final RedisContentStore contentStore;
    private final RedisAccountStore accounts;
    private final RedisOutbox outbox;

    public RedisBackend(AppConfig config, Vertx vertx, Clock clock, ServiceMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        try {
            this.redis = new RedisClient(config.redis(), metrics::storeError);
        } catch (kr.daejeon.battery.session.StoreUnavailableException e) {
            // No sentinel (or cluster node) answered: the configuration names nothing that works.
            throw new ConfigException(List.of((config.redis().cluster() ? "REDIS_CLUSTER_NODES: " : "REDIS_SENTINELS: ")
                    + e.getMessage()));
        }
        this.description = config.redis().describe();
        this.probe = new RedisWriteProbe(redis, config.redis().probeInterval()).start();
        if (!probe.check().ready()) {
            LOG.warn("Redis ({}) does not accept writes yet ({}); /ready reports not ready until it does",
                    config.redis().describe(), probe.check().reason());
        }
        this.feed = new RedisMessageFeed(redis, new EventBusMessageFeed(vertx.eventBus()));
        awaitSubscription(feed);
        this.conversations = new RedisSessionStore(redis, config.sessionTtl(), config.redisCachedStates(),
                config.retention(), feed.channels(), feed);
        this.tickets = new RedisTicketStore(redis, config.retention());
        this.ratings = new RedisRatingStore(redis);
        this.unanswered = new UnansweredLog(new RedisCappedList<>(redis, "unanswered", UnansweredLog.CAPACITY,
                kr.daejeon.battery.learning.UnansweredQuestion.class));
        this.directory = new RedisChannelDirectory(redis, config.retention());
        this.deadLetters = new DeadLetterLog(new RedisCappedList<>(redis, "deadletters", DeadLetterLog.CAPACITY,
                kr.daejeon.battery.channel.DeadLetter.class));
        this.staffSessions = new RedisStaffSessionStore(redis, config.staffSessionLifetime());
        this.proposals = new RedisTrainingProposals(redis);
        this.daily = new DailyCounters(new RedisDailyCountStore(redis), clock, config.timeZone());
        this.contentStore = new RedisContentStore(redis, clock);
        this.accounts = new RedisAccountStore(redis);
        this.outbox = new RedisOutbox(redis, config.outboxReclaim(), 64);
    }

    /** Waits briefly for the live feed, so messages sent right after start-up are not missed. */
    private static void awaitSubscription(RedisMessageFeed feed) {
        long deadline = System.currentTimeMillis() + 3000;
        while (!feed.isSubscribed() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!feed.isSubscribed()) {
            LOG.warn("live feed not subscribed to Redis yet; it keeps retrying");
        }
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public String description() {
        return name() + " (" + description + ")";
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public SessionStore conversations() {
        return conversations;
    }

    @Override
    public TicketStore tickets() {
        return tickets;
    }

    @Override
    public MessageFeed feed() {
        return feed;
    }

    @Override
    public RateLimiter limiter(String scope, int perMinute) {
        return new RedisRateLimiter(vertx, redis, scope, perMinute, () -> metrics.rateLimited(scope));
    }

    @Override
    public RatingStore ratings() {
        return ratings;
    }

    @Override
    public UnansweredLog unanswered() {
        return unanswered;
    }

    @Override
    public ChannelDirectory channelDirectory() {
        return directory;
    }

    @Override
    public DeadLetterLog deadLetters() {
        return deadLetters;
    }

    @Override
    public StaffSessionStore staffSessions() {
        return staffSessions;
    }

    @Override
    public TrainingProposals proposals() {
        return proposals;
    }

    @Override
    public DailyCounters dailyCounters() {
        return daily;
    }

    /** The feed first (it stops its subscriber), then the stores, then the pool they share. */
    @Override
    public void close() {
        probe.close();
        outbox.close();
        feed.close();
        contentStore.close();
        conversations.close();
        tickets.close();
        redis.close();
    }

    @Override
    public kr.daejeon.battery.outbox.Outbox outbox() {
        return outbox;
    }

    @Override
    public Readiness readiness() {
        return probe;
    }

    @Override
    public kr.daejeon.battery.content.ContentStore contentStore() {
        return contentStore;
    }

    @Override
    public kr.daejeon.battery.staff.AccountStore accountStore() {
        return accounts;
    }

    @Override
    public kr.daejeon.battery.staff.LoginLockout loginLockout(kr.daejeon.battery.staff.LoginLockout.Policy policy, Clock clock) {
        return new kr.daejeon.battery.staff.LoginLockout(new RedisLoginAttempts(redis), policy, clock);
    }

    @Override
    public kr.daejeon.battery.staff.StaffAudit staffAudit(java.time.Duration retention, Clock clock) {
        return new kr.daejeon.battery.staff.StaffAudit(new RedisCappedList<>(redis, "staffaudit", kr.daejeon.battery.staff.StaffAudit.CAPACITY,
                kr.daejeon.battery.staff.StaffAudit.Entry.class), retention, clock);
    }
}
