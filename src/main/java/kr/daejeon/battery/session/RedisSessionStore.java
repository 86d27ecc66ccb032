package kr.daejeon.battery.session;

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
 * Idle conversations expire by Redis TTL; conversations with staff are made persistent.
 */
public final class RedisSessionStore implements SessionStore {


    /**
     * KEYS: msgs, state, lock. ARGV: state JSON, TTL seconds (0 = keep), lock token ('' = none), feed channel
     * ('' = none), conversation id as a JSON string, messages… (each JSON starting with {@value #UNNUMBERED}).
     * Returns the new list length. Releases the lock when it is still ours and announces the messages, with
     * their ids, on the feed channel: one round trip ends the turn.
     */
    private static final RedisScript APPEND_SCRIPT = new RedisScript("""
            local n = redis.call('LLEN', KEYS[1])
            local first = n + 1
            for i = 6, #ARGV do n = redis.call('RPUSH', KEYS[1], ARGV[i]) end
            redis.call('SET', KEYS[2], ARGV[1])
            local ttl = tonumber(ARGV[2])
            if ttl > 0 then
              redis.call('EXPIRE', KEYS[1], ttl)
              redis.call('EXPIRE', KEYS[2], ttl)
            else
              redis.call('PERSIST', KEYS[1])
              redis.call('PERSIST', KEYS[2])
            end
            if ARGV[3] ~= '' and redis.call('GET', KEYS[3]) == ARGV[3] then redis.call('DEL', KEYS[3]) end
            if ARGV[4] ~= '' then
              local numbered = {}
              for i = 6, #ARGV do
                numbered[#numbered + 1] = '{"id":' .. (first + i - 6) .. string.sub(ARGV[i], 8)
              end
              redis.call('PUBLISH', ARGV[4], '{"type":"messages","conversationId":' .. ARGV[5]
                .. ',"messages":[' .. table.concat(numbered, ',') .. ']}')
            end
            return n
            """);
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
        this(redis, ttl, false);
    }

    /** A store with a pool of its own, closed with the store. */
    public RedisSessionStore(String redisUrl, String prefix, Duration ttl, int poolSize, Duration timeout) {
        this(new RedisClient(redisUrl, prefix, poolSize, timeout), ttl, true);
    }

    private RedisSessionStore(RedisClient redis, Duration ttl, boolean ownsClient) {
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.prefix = redis.prefix();
        this.ttl = ttl;
        this.lockLeaseMs = 4 * redis.timeout().toMillis() + 1000;
        this.lockWaitMs = Math.min(lockLeaseMs, 3 * redis.timeout().toMillis());
    }

    @Override
    public List<Message> create(ConversationState state, List<Message> messages) {
        return append(state, messages);
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
    public List<Message> append(ConversationState state, List<Message> messages) {
        return append(state, messages, null);
    }

    @Override
    public List<Message> appendAndPublish(ConversationState state, List<Message> messages, MessageFeed feed) {
        String channel = feed.redisChannel();
        if (channel == null) {
            return SessionStore.super.appendAndPublish(state, messages, feed);
        }
        return append(state, messages, channel);
    }

    /** @param feedChannel where the script announces the stored messages, or null */
    private List<Message> append(ConversationState state, List<Message> messages, String feedChannel) {
        HeldLock lock = held.get();
        boolean releases = lock != null && lock.id.equals(state.id()) && !lock.released;
        List<String> args = new ArrayList<>(messages.size() + 5);
        args.add(JsonCodec.write(state));
        args.add(state.isHandoff() ? "0" : Long.toString(Math.max(1, ttl.toSeconds())));
        args.add(releases ? lock.token : "");
        args.add(feedChannel == null ? "" : feedChannel);
        args.add(JsonCodec.write(state.id()));
        for (Message m : messages) {
            String json = JsonCodec.write(m.id() == 0 ? m : m.withId(0));
            if (!json.startsWith(UNNUMBERED)) {
                throw new IllegalStateException("a message's JSON must begin with its id: " + json);
            }
            args.add(json);
        }
        List<String> keys = List.of(key(state.id(), "msgs"), key(state.id(), "state"), key(state.id(), "lock"));
        long length = redis(j -> (Long) APPEND_SCRIPT.eval(j, keys, args));
        if (releases) {
            lock.released = true;
        }
        List<Message> stored = new ArrayList<>(messages.size());
        long first = length - messages.size() + 1;
        for (int i = 0; i < messages.size(); i++) {
            stored.add(messages.get(i).withId(first + i));
        }
        return stored;
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
