package kr.daejeon.battery.infra.memory;

import io.vertx.core.Vertx;
import java.time.Clock;
import kr.daejeon.battery.channel.ChannelDirectory;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.config.AppConfig;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.feedback.RatingStore;
import kr.daejeon.battery.infra.Backend;
import kr.daejeon.battery.learning.TrainingProposals;
import kr.daejeon.battery.learning.UnansweredLog;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.ratelimit.RateLimiter;
import kr.daejeon.battery.reports.DailyCounters;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.staff.StaffSessionStore;

/** Everything in this process: one node, lost at restart. Idle conversations are swept every minute. */
public final class MemoryBackend implements Backend {

    private final Vertx vertx;
    private final ServiceMetrics metrics;
    private final EventBusMessageFeed feed;
    private final InMemorySessionStore conversations;
    private final InMemoryTicketStore tickets = new InMemoryTicketStore();
    private final InMemoryRatingStore ratings = new InMemoryRatingStore();
    private final UnansweredLog unanswered = new UnansweredLog(new InMemoryCappedList<>(UnansweredLog.CAPACITY));
    private final ChannelDirectory directory;
    private final DeadLetterLog deadLetters = new DeadLetterLog(new InMemoryCappedList<>(DeadLetterLog.CAPACITY));
    private final StaffSessionStore staffSessions;
    private final TrainingProposals proposals = new InMemoryTrainingProposals();
    private final DailyCounters daily;
    private final kr.daejeon.battery.content.ContentStore contentStore;
    private final kr.daejeon.battery.staff.AccountStore accounts = new kr.daejeon.battery.staff.InMemoryAccountStore();

    private final MemoryOutbox outbox = new MemoryOutbox();

    public MemoryBackend(AppConfig config, Vertx vertx, Clock clock, ServiceMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
        this.feed = new EventBusMessageFeed(vertx.eventBus());
        this.conversations = new InMemorySessionStore(config.sessionTtl(), config.memoryMaxConversations(), clock,
                config.retention(), feed);
        vertx.setPeriodic(60_000, t -> vertx.executeBlocking(conversations::evictExpired, false));
        this.directory = new InMemoryChannelDirectory();
        this.staffSessions = new InMemoryStaffSessionStore(config.staffSessionLifetime());
        this.daily = new DailyCounters(new InMemoryDailyCountStore(), clock, config.timeZone());
        this.contentStore = new kr.daejeon.battery.content.InMemoryContentStore(clock);
    }

    @Override
    public String name() {
        return "memory";
    }

    @Override
    public boolean shared() {
        return false;
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
        return LocalRateLimiter.create(vertx, scope, perMinute, () -> metrics.rateLimited(scope));
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

    @Override
    public void close() {
        conversations.close();
        tickets.close();
    }

    @Override
    public kr.daejeon.battery.outbox.Outbox outbox() {
        return outbox;
    }

    @Override
    public kr.daejeon.battery.health.Readiness readiness() {
        return kr.daejeon.battery.health.Readiness.ALWAYS;
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
        return new kr.daejeon.battery.staff.LoginLockout(new InMemoryLoginAttempts(), policy, clock);
    }

    @Override
    public kr.daejeon.battery.staff.StaffAudit staffAudit(java.time.Duration retention, Clock clock) {
        return new kr.daejeon.battery.staff.StaffAudit(new InMemoryCappedList<>(kr.daejeon.battery.staff.StaffAudit.CAPACITY), retention, clock);
    }
}
