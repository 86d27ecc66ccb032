package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.infra.memory.InMemorySessionStore;
import kr.daejeon.battery.session.CommitWrite;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.PipelinedCheck;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.session.StoreBusyException;
import kr.daejeon.battery.session.StoreUnavailableException;
import kr.daejeon.battery.session.StoredTurn;
import kr.daejeon.battery.session.TurnPlan;
import kr.daejeon.battery.session.TurnRecord;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

/**
 * Conversations in Redis through the shared {@link RedisClient}. Per conversation: {@code P:{id}:state} (JSON),
 * {@code P:{id}:msgs} (list of JSON, position = message id) and {@code P:{id}:lock}. The hash tag
 * keeps one conversation's keys in one Redis Cluster slot, so the append script stays atomic.
 * Idle conversations expire by Redis TTL; conversations with staff are kept for the retention period after their
 * last turn.
 */
public final class RedisSessionStore implements SessionStore {


    /**
     * Lua: {@code store(o)} appends and saves. KEYS: msgs, state, lock, turns. From ARGV[o + 1]: state JSON, TTL
     * seconds (0 = keep), lock token ('' = none), the conversation's feed channel ('' = announce nothing), the
     * staff feed channel, conversation id as a JSON string, the turn's idempotency key ('' = none), the turn's
     * summary, messages… (each JSON starting with {@value #UNNUMBERED}). Returns the new list length, which is also
     * the conversation's version: every write of a state appends at least one message. The key is kept in the
     * turns hash ({@code first|count|summary}) in the same step as the messages, so a retry finds exactly what
     * was stored. Releases the lock when it is still ours and announces the messages, with their ids, on the feed
     * channels (see {@link MessageFeed#redisChannels()}).
     */
    private static final String STORE_FUNCTION = """
            local function store(o)
              local n = redis.call('LLEN', KEYS[1])
              local first = n + 1
              for i = o + 9, #ARGV do n = redis.call('RPUSH', KEYS[1], ARGV[i]) end
              if ARGV[o + 7] ~= '' then
                redis.call('HSET', KEYS[4], ARGV[o + 7], first .. '|' .. (#ARGV - o - 8) .. '|' .. ARGV[o + 8])
              end
              redis.call('SET', KEYS[2], ARGV[o + 1])
              local ttl = tonumber(ARGV[o + 2])
              if ttl > 0 then
                redis.call('EXPIRE', KEYS[1], ttl)
                redis.call('EXPIRE', KEYS[2], ttl)
                redis.call('EXPIRE', KEYS[4], ttl)
              else
                redis.call('PERSIST', KEYS[1])
                redis.call('PERSIST', KEYS[2])
                redis.call('PERSIST', KEYS[4])
              end
              if ARGV[o + 3] ~= '' and redis.call('GET', KEYS[3]) == ARGV[o + 3] then redis.call('DEL', KEYS[3]) end
              if ARGV[o + 4] ~= '' then
                local numbered = {}
                for i = o + 9, #ARGV do
                  numbered[#numbered + 1] = '{"id":' .. (first + i - o - 9) .. string.sub(ARGV[i], 8)
                end
                local array = '[' .. table.concat(numbered, ',') .. ']'
                redis.call('PUBLISH', ARGV[o + 4], array)
                redis.call('PUBLISH', ARGV[o + 5], '{"type":"messages","conversationId":' .. ARGV[o + 6]
                  .. ',"messages":' .. array .. '}')
              end
              return n
            end
            """;
    private static final RedisScript APPEND_SCRIPT = new RedisScript(STORE_FUNCTION + "return store(0)\n");
    /**
     * An append with a {@link CommitWrite} after it, whose Lua is the function {@code extra}. KEYS: msgs, state,
     * lock, turns, the write's keys…; ARGV: number of the write's keys, number of its args, its args…, then
     * {@code store}'s arguments. A store that fails stops the script before the write.
     */
    private static final String APPEND_WITH_WRITE_MAIN = """
            local nk, na = tonumber(ARGV[1]), tonumber(ARGV[2])
            local ek, ea = {}, {}
            for i = 1, nk do ek[i] = KEYS[4 + i] end
            for i = 1, na do ea[i] = ARGV[2 + i] end
            local version = store(2 + na)
            extra(ek, ea)
            return version
            """;
    /**
     * A planned turn's commit, after the check's Lua function {@code check}. KEYS: msgs, state, lock, turns, the
     * capped list the turn also records in (msgs when none), check keys…; ARGV: the version the plan was made
     * from, number of check keys, number of check args, the list's capacity (0 = record nothing), the record,
     * check args…, then {@code store}'s arguments. Returns {'replay', stored turn} when a turn with the plan's
     * idempotency key was stored before (nothing is stored), {'busy'} while a lock is held, {'gone'} when the
     * conversation expired, {'stale', state, version} when it changed, {'refused', results…} when the check
     * refused, else {'ok', new version, check results…}.
     */
    private static final String COMMIT_MAIN = """
            local nk, na = tonumber(ARGV[2]), tonumber(ARGV[3])
            local key = ARGV[5 + na + 7]
            if key ~= '' then
              local done = redis.call('HGET', KEYS[4], key)
              if done then return {'replay', done} end
            end
            if redis.call('EXISTS', KEYS[3]) == 1 then return {'busy'} end
            local n = redis.call('LLEN', KEYS[1])
            if n ~= tonumber(ARGV[1]) then
              local s = redis.call('GET', KEYS[2])
              if not s then return {'gone'} end
              return {'stale', s, n}
            end
            local ck, ca = {}, {}
            for i = 1, nk do ck[i] = KEYS[5 + i] end
            for i = 1, na do ca[i] = ARGV[5 + i] end
            local results = check(ck, ca)
            for i = 1, #results do
              if tonumber(results[i]) ~= 0 then return {'refused', unpack(results)} end
            end
            local version = store(5 + na)
            local cap = tonumber(ARGV[4])
            if cap > 0 then
              redis.call('LPUSH', KEYS[5], ARGV[5])
              redis.call('LTRIM', KEYS[5], 0, cap - 1)
            end
            return {'ok', version, unpack(results)}
            """;
    /** KEYS: msgs, state. Returns {state or false, version}, read at one instant. */
    private static final RedisScript READ_VERSIONED_SCRIPT = new RedisScript(
            "return {redis.call('GET', KEYS[2]), redis.call('LLEN', KEYS[1])}");
    /** How many times a plan is made again from a newer state before the turn waits for the lock instead. */
    private static final int PLAN_ATTEMPTS = 3;
    /** How a message not yet in the store begins in JSON; the append script puts its id there. */
    private static final String UNNUMBERED = "{\"id\":0,";
    private static final RedisScript UNLOCK_SCRIPT = new RedisScript(
            "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end");
    /** KEYS: lock, state. ARGV: token, lease ms. Returns 0 (busy), 1 (locked, no state) or the state JSON. */
    private static final RedisScript LOCK_AND_READ_SCRIPT = new RedisScript("""
            if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 0 end
            local state = redis.call('GET', KEYS[2])
            if state then return state end
            return 1
            """);

    /** The lock this thread holds while a turn's work runs, so the final append can release it. */
    private static final class HeldLock {
        final String id;
        final String token;
        boolean released;

        HeldLock(String id, String token) {
            this.id = id;
            this.token = token;
        }
    }

    private final ThreadLocal<HeldLock> held = new ThreadLocal<>();

    private static final int DEFAULT_CACHED_STATES = 10_000;
    /** A customer types every few seconds to a minute; a conversation quiet for longer is read again. */
    private static final Duration CACHE_IDLE = Duration.ofMinutes(5);
    private final StateCache cache;
    private final java.util.concurrent.ConcurrentHashMap<String, RedisScript> commitScripts =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, RedisScript> appendScripts =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final RedisClient redis;
    private final boolean ownsClient;
    private final String prefix;
    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    /**
     * A turn makes a handful of Redis calls, each bounded by the timeout, so the lease covers a slow
     * turn; a lease left behind by a node or Redis that died mid-turn blocks the conversation only
     * that long, and a waiting turn gives up (503, retry) rather than hang.
     */
    private final long lockLeaseMs;
    private final long lockWaitMs;

    public RedisSessionStore(RedisClient redis, Duration ttl) {
        this(redis, ttl, DEFAULT_CACHED_STATES);
    }

    /** @param cachedStates how many recently active conversations' states this node keeps (0 = none) */
    public RedisSessionStore(RedisClient redis, Duration ttl, int cachedStates) {
        this(redis, ttl, false, cachedStates);
    }

    /** A store with a pool of its own, closed with the store. */
    public RedisSessionStore(String redisUrl, String prefix, Duration ttl, int poolSize, Duration timeout) {
        this(new RedisClient(redisUrl, prefix, poolSize, timeout), ttl, true, DEFAULT_CACHED_STATES);
    }

    /**
     * @param retention how long a conversation with staff is kept after its last turn (the privacy policy; idle
     *                  conversations without staff expire after {@code ttl})
     */
    public RedisSessionStore(RedisClient redis, Duration ttl, int cachedStates, Duration retention) {
        this(redis, ttl, false, cachedStates);
        this.retentionSeconds = Math.max(1, retention.toSeconds());
    }

    private long retentionSeconds = InMemorySessionStore.DEFAULT_RETENTION.toSeconds();

    private RedisSessionStore(RedisClient redis, Duration ttl, boolean ownsClient, int cachedStates) {
        this.cache = new StateCache(cachedStates, CACHE_IDLE.compareTo(ttl) < 0 ? CACHE_IDLE : ttl,
                System::currentTimeMillis);
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.prefix = redis.prefix();
        this.ttl = ttl;
        this.lockLeaseMs = 4 * redis.timeout().toMillis() + 1000;
        this.lockWaitMs = Math.min(lockLeaseMs, 3 * redis.timeout().toMillis());
    }

    @Override
    public List<Message> create(ConversationState state, List<Message> messages) {
        // Not cached: most conversations that are opened stay idle, and idle conversations must cost no heap.
        return append(state, messages, null, false, null, null);
    }

    @Override
    public Optional<ConversationState> find(String id) {
        String json = redis(j -> j.get(key(id, "state")));
        return Optional.ofNullable(json).map(s -> JsonCodec.read(s, ConversationState.class));
    }

    @Override
    public <T> T withLock(String id, Supplier<T> work) {
        return withLockedState(id, false, PipelinedCheck.NONE, state -> work.get());
    }

    @Override
    public <T> T withLockedState(String id, Function<Optional<ConversationState>, T> work) {
        return withLockedState(id, true, PipelinedCheck.NONE, work);
    }

    @Override
    public <T> T withLockedState(String id, PipelinedCheck check, Function<Optional<ConversationState>, T> work) {
        if (check.redis() != redis) {
            check.run();
            check = PipelinedCheck.NONE;
        }
        return withLockedState(id, true, check, work);
    }

    private <T> T withLockedState(String id, boolean read, PipelinedCheck check,
                                  Function<Optional<ConversationState>, T> work) {
        String lockKey = key(id, "lock");
        byte[] tokenBytes = new byte[16];
        random.nextBytes(tokenBytes);
        String token = Base64.getEncoder().encodeToString(tokenBytes);
        List<String> keys = List.of(lockKey, key(id, "state"));
        List<String> args = List.of(token, Long.toString(lockLeaseMs));
        long deadline = System.currentTimeMillis() + lockWaitMs;
        long backoff = 1;
        Object got = redis(j -> lockWithCheck(j, check, keys, args));
        while (Long.valueOf(0).equals(got)) {
            if (System.currentTimeMillis() > deadline) {
                throw new StoreBusyException("conversation is busy");
            }
            sleep(backoff);
            backoff = Math.min(backoff * 2, 20);
            got = redis(j -> LOCK_AND_READ_SCRIPT.eval(j, keys, args));
        }
        Optional<ConversationState> state = read && got instanceof String json
                ? Optional.of(JsonCodec.read(json, ConversationState.class)) : Optional.empty();
        HeldLock lock = new HeldLock(id, token);
        HeldLock outer = held.get();
        held.set(lock);
        try {
            return work.apply(state);
        } finally {
            held.set(outer);
            if (!lock.released) {
                try {
                    redis(j -> UNLOCK_SCRIPT.eval(j, List.of(lockKey), List.of(token)));
                } catch (StoreUnavailableException ignored) {
                    // The lease expires by itself; a lost unlock only delays the next turn.
                }
            }
        }
    }

    /** The first try for the lock, in the same round trip as the check; a refused check gives the lock back. */
    private static Object lockWithCheck(Jedis j, PipelinedCheck check, List<String> keys, List<String> args) {
        if (check == PipelinedCheck.NONE) {
            return LOCK_AND_READ_SCRIPT.eval(j, keys, args);
        }
        Pipeline p = j.pipelined();
        PipelinedCheck.Verdict verdict = check.queue(p);
        Response<Object> lock = LOCK_AND_READ_SCRIPT.queue(p, keys, args);
        p.sync();
        Object got = LOCK_AND_READ_SCRIPT.reply(j, lock, keys, args);
        try {
            verdict.read(j);
        } catch (RuntimeException refused) {
            if (!Long.valueOf(0).equals(got)) {
                UNLOCK_SCRIPT.eval(j, List.of(keys.get(0)), List.of(args.get(0)));
            }
            throw refused;
        }
        return got;
    }

    @Override
    public List<Message> append(ConversationState state, List<Message> messages, TurnRecord record, CommitWrite write) {
        return append(state, messages, null, true, record, write);
    }

    @Override
    public List<Message> appendAndPublish(ConversationState state, List<Message> messages, MessageFeed feed,
                                          TurnRecord record) {
        MessageFeed.RedisChannels channels = feed.redisChannels();
        if (channels == null) {
            return SessionStore.super.appendAndPublish(state, messages, feed, record);
        }
        return append(state, messages, channels, true, record, null);
    }

    @Override
    public Optional<StoredTurn> storedTurn(String id, String key) {
        String stored = redis(j -> j.hget(key(id, "turns"), key));
        return Optional.ofNullable(stored).map(StoredTurn::parse);
    }

    /**
     * @param feed where the script announces the stored messages, or null
     * @param cacheIt whether the next planned turn may start from this state without reading it
     * @param record the turn's idempotency record, or null
     * @param write written in the same script after the messages (see {@link CommitWrite}), or null
     */
    private List<Message> append(ConversationState state, List<Message> messages, MessageFeed.RedisChannels feed,
                                 boolean cacheIt, TurnRecord record, CommitWrite write) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("an append stores at least one message (the message count is the version)");
        }
        HeldLock lock = held.get();
        boolean releases = lock != null && lock.id.equals(state.id()) && !lock.released;
        boolean inScript = write != null && write.redis() == redis;
        List<String> keys = new ArrayList<>(conversationKeys(state.id()));
        List<String> args = new ArrayList<>(messages.size() + 12);
        RedisScript script = APPEND_SCRIPT;
        if (inScript) {
            keys.addAll(write.keys());
            args.add(Integer.toString(write.keys().size()));
            args.add(Integer.toString(write.args().size()));
            args.addAll(write.args());
            script = appendScripts.computeIfAbsent(write.lua(), lua -> new RedisScript(
                    "local function extra(keys, args)\n" + lua + "\nend\n" + STORE_FUNCTION + APPEND_WITH_WRITE_MAIN));
        }
        addStoreArgs(args, state, messages, releases ? lock.token : "", feed, record);
        RedisScript chosen = script;
        long length = redis(j -> (Long) chosen.eval(j, keys, args));
        if (releases) {
            lock.released = true;
        }
        if (cacheIt) {
            cache.put(state.id(), state, length);
        }
        if (write != null && !inScript) {
            write.writeSeparately();
        }
        return numbered(messages, length);
    }

    private List<String> conversationKeys(String id) {
        return List.of(key(id, "msgs"), key(id, "state"), key(id, "lock"), key(id, "turns"));
    }

    /** The arguments of the Lua {@code store} function, in its order. */
    private void addStoreArgs(List<String> args, ConversationState state, List<Message> messages, String lockToken,
                              MessageFeed.RedisChannels feed, TurnRecord record) {
        args.add(JsonCodec.write(state));
        // Conversations with staff are kept until resolved, but no longer than the retention period after their last turn.
        args.add(Long.toString(state.isHandoff() ? retentionSeconds : Math.max(1, ttl.toSeconds())));
        args.add(lockToken);
        args.add(feed == null ? "" : feed.conversation(state.id()));
        args.add(feed == null ? "" : feed.staff());
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

    /**
     * Usually one round trip: the state comes from this node's cache (or one read), the plan is computed,
     * and the commit script checks the version, runs the rate limits and stores. A stale version hands back
     * the current state for a new plan; a held lock (a staff action or a turn with a ticket) or repeated
     * staleness sends the turn the locked way.
     */
    @Override
    public <T> T planTurn(String id, PipelinedCheck check, MessageFeed feed,
                          Function<Optional<ConversationState>, TurnPlan<T>> plan,
                          Function<Optional<ConversationState>, T> locked) {
        PipelinedCheck.Scripted scripted = check.redis() == redis ? check.scripted() : null;
        if (scripted == null) {
            check.run();
            check = PipelinedCheck.NONE;
        }
        MessageFeed.RedisChannels channels = feed.redisChannels();
        StateCache.Entry entry = cache.get(id);
        for (int attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
            if (entry == null) {
                entry = readVersioned(id);
            }
            TurnPlan<T> p;
            try {
                p = plan.apply(entry == null ? Optional.empty() : Optional.of(entry.state()));
            } catch (RuntimeException refused) {
                // Unknown conversation or wrong token: nothing is charged to the conversation's limit (whoever
                // knows only its id must not lock its owner out); the caller charges the sender.
                throw refused;
            }
            if (p == null || entry == null) {
                break;
            }
            List<Object> reply = commit(p, entry.version(), scripted, channels);
            switch ((String) reply.get(0)) {
                case "replay" -> {
                    cache.remove(id);
                    return p.replay().apply(StoredTurn.parse((String) reply.get(1)));
                }
                case "ok" -> {
                    long version = (Long) reply.get(1);
                    cache.put(id, p.state(), version);
                    if (scripted != null) {
                        scripted.verdict(longs(reply, 2));
                    }
                    List<Message> stored = numbered(p.messages(), version);
                    if (channels == null) {
                        feed.publish(id, stored);
                    }
                    if (p.alsoRecord() != null && recordedHere(p) == null) {
                        p.alsoRecord().addSeparately();
                    }
                    return p.result().apply(stored);
                }
                case "refused" -> {
                    scripted.verdict(longs(reply, 1));
                    throw new IllegalStateException("a refusing check must throw");
                }
                case "stale" -> entry = new StateCache.Entry(JsonCodec.read((String) reply.get(1), ConversationState.class),
                        (Long) reply.get(2));
                case "gone" -> {
                    cache.remove(id);
                    plan.apply(Optional.empty());
                    throw new IllegalStateException("a plan for no conversation must throw");
                }
                default -> {
                    // "busy": someone holds the lock; wait for it like any locked turn.
                    cache.remove(id);
                    attempt = PLAN_ATTEMPTS;
                }
            }
        }
        cache.remove(id);
        return SessionStore.super.planTurn(id, check, feed, plan, locked);
    }

    private List<Object> commit(TurnPlan<?> plan, long version, PipelinedCheck.Scripted check,
                                MessageFeed.RedisChannels channels) {
        String id = plan.state().id();
        List<String> keys = new ArrayList<>(conversationKeys(id));
        String listKey = recordedHere(plan);
        keys.add(listKey == null ? keys.get(0) : listKey);
        List<String> args = new ArrayList<>(plan.messages().size() + 16);
        args.add(Long.toString(version));
        args.add(check == null ? "0" : Integer.toString(check.keys().size()));
        args.add(check == null ? "0" : Integer.toString(check.args().size()));
        args.add(listKey == null ? "0" : Integer.toString(plan.alsoRecord().list().capacity()));
        args.add(listKey == null ? "" : JsonCodec.write(plan.alsoRecord().entry()));
        if (check != null) {
            keys.addAll(check.keys());
            args.addAll(check.args());
        }
        addStoreArgs(args, plan.state(), plan.messages(), "", channels, plan.record());
        RedisScript script = commitScripts.computeIfAbsent(check == null ? "return {}" : check.lua(),
                lua -> new RedisScript("local function check(keys, args)\n" + lua + "\nend\n" + STORE_FUNCTION + COMMIT_MAIN));
        @SuppressWarnings("unchecked")
        List<Object> reply = redis(j -> (List<Object>) script.eval(j, keys, args));
        return reply;
    }

    /** The key of the list the plan also records in when the commit script can write it, else null. */
    private String recordedHere(TurnPlan<?> plan) {
        return plan.alsoRecord() == null ? null : plan.alsoRecord().list().keyIn(redis);
    }

    private StateCache.Entry readVersioned(String id) {
        List<?> got = redis(j -> (List<?>) READ_VERSIONED_SCRIPT.eval(j, List.of(key(id, "msgs"), key(id, "state")),
                List.of()));
        return got.get(0) instanceof String json
                ? new StateCache.Entry(JsonCodec.read(json, ConversationState.class), (Long) got.get(1)) : null;
    }

    private static List<Long> longs(List<Object> reply, int from) {
        List<Long> out = new ArrayList<>(reply.size() - from);
        for (int i = from; i < reply.size(); i++) {
            out.add((Long) reply.get(i));
        }
        return out;
    }

    @Override
    public boolean delete(String id) {
        cache.remove(id);
        long removed = redis(j -> j.del(key(id, "msgs"), key(id, "state"), key(id, "lock"), key(id, "turns")));
        return removed > 0;
    }

    @Override
    public List<Message> messagesAfter(String id, long afterId, int limit) {
        long start = Math.max(0, afterId);
        List<String> rows = redis(j -> j.lrange(key(id, "msgs"), start, start + limit - 1));
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

    private <T> T redis(Function<Jedis, T> call) {
        return redis.call(call);
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
