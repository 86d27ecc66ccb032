package kr.daejeon.battery.infra.redis;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.infra.memory.InMemorySessionStore;
import kr.daejeon.battery.session.CommitResult;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.session.Snapshot;
import kr.daejeon.battery.session.StoreBusyException;
import kr.daejeon.battery.session.StoreUnavailableException;
import kr.daejeon.battery.session.StoredTurn;
import kr.daejeon.battery.session.TurnCommit;
import kr.daejeon.battery.session.TurnRecord;
import redis.clients.jedis.Jedis;

/**
 * Conversations in Redis through the shared {@link RedisClient}. Per conversation: {@code P:{id}:state} (JSON),
 * {@code P:{id}:msgs} (list of JSON, position = message id), {@code P:{id}:turns} (idempotency records),
 * {@code P:{id}:lock} and its rate-limit buckets {@code P:rl:<scope>:{id}}. The hash tag keeps all of one
 * conversation's keys in one Redis Cluster slot, and no script of this class touches any other key, so every
 * step stays atomic on a cluster too; each call names its conversation's key, so it goes straight to the master of
 * that slot ({@link RedisClient#call(String, java.util.function.Function)}). Idle conversations expire by Redis TTL; conversations with staff are kept
 * for the retention period after their last turn.
 *
 * <p><b>One round trip per turn.</b> On this machine a Redis round trip costs the server more time than a turn's
 * own logic, so a continuing turn is built to need exactly one: this node keeps the states of recently active
 * conversations with their version (the message count; every write appends at least one message) in a
 * {@link StateCache}, the caller computes the turn from that {@link #read snapshot} without any lock, and
 * {@code commit.lua} checks in one script that the conversation is still at that version and not locked, takes
 * the turn's rate-limit charges, appends the messages with the turn's idempotency record, saves the state and
 * PUBLISHes the messages to the live feed (the channels of {@link RedisMessageFeed}, given to this store as
 * {@link FeedChannels}). When another node changed the conversation meanwhile, the script answers
 * {@code stale} with the current state instead — the caller plans again from it, at no extra read — and while
 * someone holds the lock it answers {@code busy} and the caller takes the lock. The catch: a cached state may be
 * old, so nothing may be decided from it that the commit does not check again; that is why the version check,
 * the idempotency check and the charges are all inside the script, and why a turn with side effects outside the
 * conversation (a ticket) takes the lock. Under the lock the commit releases it in the same script
 * ({@code lock.lua} also reads the state while taking it), so a locked turn costs two round trips, not four.
 */
public final class RedisSessionStore implements SessionStore {

    private static final RedisScript APPEND = RedisScript.of("store.lua", "append.lua");
    private static final RedisScript COMMIT = RedisScript.of("buckets.lua", "store.lua", "commit.lua");
    private static final RedisScript READ = RedisScript.of("read.lua");
    private static final RedisScript LOCK = RedisScript.of("lock.lua");
    private static final RedisScript UNLOCK = RedisScript.of("unlock.lua");
    /** How a message not yet in the store begins in JSON; the store script puts its id there. */
    private static final String UNNUMBERED = "{\"id\":0,";

    private static final int DEFAULT_CACHED_STATES = 10_000;
    /** A customer types every few seconds to a minute; a conversation quiet for longer is read again. */
    private static final Duration CACHE_IDLE = Duration.ofMinutes(5);
    private final StateCache cache;

    private final RedisClient redis;
    private final boolean ownsClient;
    private final String prefix;
    private final Duration ttl;
    private final FeedChannels feed;
    /** Announces a committed turn after the replica wait (see {@link RedisClient#waitsForReplicas()}); may be null. */
    private final MessageFeed publisher;
    private final SecureRandom random = new SecureRandom();
    /**
     * A turn makes a handful of Redis calls, each bounded by the timeout, so the lease covers a slow
     * turn; a lease left behind by a node or Redis that died mid-turn blocks the conversation only
     * that long, and a waiting turn gives up (503, retry) rather than hang.
     */
    private final long lockLeaseMs;
    private final long lockWaitMs;
    private long retentionSeconds = InMemorySessionStore.DEFAULT_RETENTION.toSeconds();

    public RedisSessionStore(RedisClient redis, Duration ttl) {
        this(redis, ttl, false, DEFAULT_CACHED_STATES, null, null);
    }

    /** A store with a pool of its own, closed with the store; it announces nothing. */
    public RedisSessionStore(String redisUrl, String prefix, Duration ttl, int poolSize, Duration timeout) {
        this(new RedisClient(redisUrl, prefix, poolSize, timeout), ttl, true, DEFAULT_CACHED_STATES, null, null);
    }

    /**
     * @param cachedStates how many recently active conversations' states this node keeps (0 = none)
     * @param retention    how long a conversation with staff is kept after its last turn (the privacy policy; idle
     *                     conversations without staff expire after {@code ttl})
     * @param feed         where committed turns are announced, or null
     */
    public RedisSessionStore(RedisClient redis, Duration ttl, int cachedStates, Duration retention, FeedChannels feed) {
        this(redis, ttl, cachedStates, retention, feed, null);
    }

    /**
     * As above; with Sentinel's replica wait the commit script announces nothing and {@code publisher} announces the
     * turn once a replica has it, so an id shown on a screen is never lost in a failover and handed to another message.
     */
    public RedisSessionStore(RedisClient redis, Duration ttl, int cachedStates, Duration retention, FeedChannels feed,
                             MessageFeed publisher) {
        this(redis, ttl, false, cachedStates, feed, publisher);
        this.retentionSeconds = Math.max(1, retention.toSeconds());
    }

    private RedisSessionStore(RedisClient redis, Duration ttl, boolean ownsClient, int cachedStates, FeedChannels feed,
                              MessageFeed publisher) {
        this.cache = new StateCache(cachedStates, CACHE_IDLE.compareTo(ttl) < 0 ? CACHE_IDLE : ttl,
                System::currentTimeMillis);
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.prefix = redis.prefix();
        this.ttl = ttl;
        this.feed = feed;
        this.publisher = publisher;
        this.lockLeaseMs = 4 * redis.timeout().toMillis() + 1000;
        this.lockWaitMs = Math.min(lockLeaseMs, 3 * redis.timeout().toMillis());
    }

    @Override
    public List<Message> create(ConversationState state, List<Message> messages) {
        // Not cached: most conversations that are opened stay idle, and idle conversations must cost no heap.
        return numbered(messages, append(state, messages, false));
    }

    @Override
    public Optional<ConversationState> find(String id) {
        String json = redis.call(key(id, "state"), j -> j.get(key(id, "state")));
        return Optional.ofNullable(json).map(s -> JsonCodec.read(s, ConversationState.class));
    }

    @Override
    public Optional<Snapshot> read(String id) {
        StateCache.Entry cached = cache.get(id);
        if (cached != null) {
            return Optional.of(new Snapshot(cached.state(), cached.version()));
        }
        List<?> got = redis.call(key(id, "msgs"), j -> (List<?>) READ.eval(j, List.of(key(id, "msgs"), key(id, "state")), List.of()));
        return snapshot(got);
    }

    /** The lock while held: its token, and whether the commit under it released it already. */
    private static final class Held implements SessionStore.Held {
        final String id;
        final String token;
        final Optional<ConversationState> state;
        boolean released;

        Held(String id, String token, Optional<ConversationState> state) {
            this.id = id;
            this.token = token;
            this.state = state;
        }

        @Override
        public String conversationId() {
            return id;
        }

        @Override
        public Optional<ConversationState> state() {
            return state;
        }
    }

    @Override
    public <T> T withLock(String id, Function<SessionStore.Held, T> work) {
        String lockKey = key(id, "lock");
        byte[] tokenBytes = new byte[16];
        random.nextBytes(tokenBytes);
        String token = Base64.getEncoder().encodeToString(tokenBytes);
        List<String> keys = List.of(lockKey, key(id, "msgs"), key(id, "state"));
        List<String> args = List.of(token, Long.toString(lockLeaseMs));
        long deadline = System.currentTimeMillis() + lockWaitMs;
        long backoff = 1;
        Object got = redis.call(lockKey, j -> LOCK.eval(j, keys, args));
        while (Long.valueOf(0).equals(got)) {
            if (System.currentTimeMillis() > deadline) {
                throw new StoreBusyException("conversation is busy");
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 20);
            got = redis.call(lockKey, j -> LOCK.eval(j, keys, args));
        }
        Held held = new Held(id, token, snapshot((List<?>) got).map(Snapshot::state));
        try {
            return work.apply(held);
        } finally {
            if (!held.released) {
                try {
                    redis.call(lockKey, j -> UNLOCK.eval(j, List.of(lockKey), List.of(token)));
                } catch (StoreUnavailableException ignored) {
                    // The lease expires by itself; a lost unlock only delays the next turn.
                }
            }
        }
    }

    @Override
    public List<Message> append(ConversationState state, List<Message> messages) {
        return numbered(messages, append(state, messages, true));
    }

    /** A plain append, announced by the caller (a staff reply, a new conversation); returns the new version. */
    private long append(ConversationState state, List<Message> messages, boolean cacheIt) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("an append stores at least one message (the message count is the version)");
        }
        List<String> args = new ArrayList<>(messages.size() + 8);
        addStoreArgs(args, state, messages, "", null, null);
        long version = redis.acknowledged(key(state.id(), "msgs"), j -> (Long) APPEND.eval(j, conversationKeys(state.id()), args));
        if (cacheIt) {
            cache.put(state.id(), state, version);
        }
        return version;
    }

    /** The commit script's keys and arguments for one turn, and whether its messages are announced after the replica wait. */
    record CommitCall(List<String> keys, List<String> args, boolean announceAfterWait) {
    }

    /** What {@link #commit} sends (package-private for the bench's commit ceiling, which sends the same to other scripts). */
    CommitCall commitCall(TurnCommit commit) {
        String id = commit.conversationId();
        Held held = commit.held() == null ? null : (Held) commit.held();
        List<String> keys = new ArrayList<>(conversationKeys(id));
        List<String> args = new ArrayList<>(commit.messages().size() + 16);
        args.add(commit.basedOn() == null ? "" : Long.toString(commit.basedOn().version()));
        args.add(held == null ? "" : held.token);
        args.add(Integer.toString(commit.charges().size()));
        for (TurnCommit.Charge charge : commit.charges()) {
            keys.add(RedisRateLimiter.bucketKey(prefix, charge.scope(), id));
            args.addAll(RedisRateLimiter.arguments(charge.perMinute()));
        }
        // With a replica wait the script announces nothing: the messages are published after the wait (below).
        boolean announceAfterWait = commit.announce() && redis.waitsForReplicas() && publisher != null;
        addStoreArgs(args, commit.next(), commit.messages(), held == null ? "" : held.token,
                commit.announce() && !announceAfterWait ? feed : null, commit.record());
        return new CommitCall(keys, args, announceAfterWait);
    }

    @Override
    public CommitResult commit(TurnCommit commit) {
        String id = commit.conversationId();
        Held held = commit.held() == null ? null : (Held) commit.held();
        CommitCall call = commitCall(commit);
        List<String> keys = call.keys();
        List<String> args = call.args();
        boolean announceAfterWait = call.announceAfterWait();
        @SuppressWarnings("unchecked")
        List<Object> reply = redis.acknowledged(keys.get(0), j -> (List<Object>) COMMIT.eval(j, keys, args),
                r -> "ok".equals(r.get(0)));
        switch ((String) reply.get(0)) {
            case "ok" -> {
                long version = (Long) reply.get(1);
                if (held != null) {
                    held.released = true;
                }
                cache.put(id, commit.next(), version);
                List<Message> stored = numbered(commit.messages(), version);
                if (announceAfterWait) {
                    publisher.publish(id, stored);
                }
                return new CommitResult.Committed(stored);
            }
            case "replay" -> {
                cache.remove(id);
                // A retry, maybe of a turn whose replica wait timed out: answered only once the replicas have it.
                redis.confirmReplicated(keys.get(0));
                return new CommitResult.Replayed(StoredTurn.parse((String) reply.get(1)));
            }
            case "stale" -> {
                Snapshot current = new Snapshot(JsonCodec.read((String) reply.get(1), ConversationState.class),
                        (Long) reply.get(2));
                cache.put(id, current.state(), current.version());
                return new CommitResult.Stale(current);
            }
            case "limited" -> {
                int which = ((Long) reply.get(1)).intValue() - 1;
                return new CommitResult.Limited(commit.charges().get(which).scope(), ((Long) reply.get(2)).intValue());
            }
            case "busy" -> {
                cache.remove(id);
                return new CommitResult.Busy();
            }
            default -> {
                cache.remove(id);
                return new CommitResult.Gone();
            }
        }
    }

    @Override
    public Optional<StoredTurn> storedTurn(String id, String key) {
        String stored = redis.call(key(id, "turns"), j -> j.hget(key(id, "turns"), key));
        if (stored != null) {
            redis.confirmReplicated(key(id, "turns"));
        }
        return Optional.ofNullable(stored).map(StoredTurn::parse);
    }

    private List<String> conversationKeys(String id) {
        return List.of(key(id, "msgs"), key(id, "state"), key(id, "lock"), key(id, "turns"));
    }

    /** The arguments of the Lua {@code store} function (store.lua), in its order. */
    private void addStoreArgs(List<String> args, ConversationState state, List<Message> messages, String lockToken,
                              FeedChannels channels, TurnRecord record) {
        args.add(JsonCodec.write(state));
        // Conversations with staff are kept until resolved, but no longer than the retention period after their last turn.
        args.add(Long.toString(state.isHandoff() ? retentionSeconds : Math.max(1, ttl.toSeconds())));
        args.add(lockToken);
        args.add(channels == null ? "" : channels.conversation(state.id()));
        args.add(channels == null ? "" : channels.staff());
        args.add(JsonCodec.write(state.id()));
        args.add(record == null ? "" : record.key());
        args.add(record == null ? "" : record.summary());
        for (Message m : messages) {
            String json = JsonCodec.write(m.id() == 0 ? m : m.withId(0));
            if (!json.startsWith(UNNUMBERED)) {
                throw new IllegalStateException("a message's JSON must begin with its id: " + json);
            }
            args.add(json);
        }
    }

    /** The messages with the ids they got, given the list's length after they were appended. */
    private static List<Message> numbered(List<Message> messages, long length) {
        List<Message> stored = new ArrayList<>(messages.size());
        long first = length - messages.size() + 1;
        for (int i = 0; i < messages.size(); i++) {
            stored.add(messages.get(i).withId(first + i));
        }
        return stored;
    }

    /** {state or false, version} as a snapshot. */
    private static Optional<Snapshot> snapshot(List<?> got) {
        return got.get(0) instanceof String json
                ? Optional.of(new Snapshot(JsonCodec.read(json, ConversationState.class), (Long) got.get(1)))
                : Optional.empty();
    }

    @Override
    public boolean delete(String id) {
        cache.remove(id);
        long removed = redis.call(key(id, "msgs"), j -> j.del(key(id, "msgs"), key(id, "state"), key(id, "lock"), key(id, "turns")));
        return removed > 0;
    }

    @Override
    public List<Message> messagesAfter(String id, long afterId, int limit) {
        long start = Math.max(0, afterId);
        List<String> rows = redis.call(key(id, "msgs"), j -> j.lrange(key(id, "msgs"), start, start + limit - 1));
        List<Message> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            out.add(JsonCodec.read(rows.get(i), Message.class).withId(start + i + 1));
        }
        return out;
    }

    @Override
    public boolean ping() {
        return redis.ping();
    }

    @Override
    public void close() {
        if (ownsClient) {
            redis.close();
        }
    }

    String key(String id, String part) {
        return prefix + ":{" + id + "}:" + part;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreBusyException("interrupted while waiting for conversation lock");
        }
    }
}
