package kr.daejeon.battery.infra.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A Lua script run by its SHA (not sent with every call), loaded when Redis does not know it yet or
 * has forgotten it (restart, SCRIPT FLUSH). The SHA is computed here, so a call can be queued on a
 * pipeline without asking Redis first.
 */
public final class RedisScript {

    private final String source;
    private final String sha;

    public RedisScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every JDK", e);
        }
    }

    /**
     * The script made of resource files of this package, in order (e.g. the functions a main part calls, then the
     * main part): every Lua the Redis adapters run lives beside them as a {@code .lua} file.
     */
    public static RedisScript of(String... resources) {
        StringBuilder source = new StringBuilder();
        for (String name : resources) {
            try (java.io.InputStream in = RedisScript.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("no Lua resource " + name);
                }
                source.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return new RedisScript(source.toString());
    }

    /**
     * {@link #of} of one resource whose text is a {@link String#format} pattern, filled in with {@code values} (a
     * Java constant the script shares, e.g. how long a log is kept); a literal {@code %} in it is written {@code %%}.
     */
    public static RedisScript template(String resource, Object... values) {
        return new RedisScript(of(resource).source.formatted(values));
    }

    public Object eval(Jedis j, List<String> keys, List<String> args) {
        try {
            return j.evalsha(sha, keys, args);
        } catch (JedisDataException e) {
            return evalAgainIfUnknown(j, e, keys, args);
        }
    }

    /** Queues one call on a pipeline; read its result with {@link #reply} once the pipeline is synced. */
    public Response<Object> queue(Pipeline p, List<String> keys, List<String> args) {
        return p.evalsha(sha, keys, args);
    }

    /** The result of a call {@link #queue queued} on a synced pipeline of {@code j}; runs it again if Redis lacked the script. */
    public Object reply(Jedis j, Response<Object> queued, List<String> keys, List<String> args) {
        try {
            return queued.get();
        } catch (JedisDataException e) {
            return evalAgainIfUnknown(j, e, keys, args);
        }
    }

    /** Runs the script once per (keys, args) pair in one round trip (a pipeline); results in order. */
    public List<Object> evalAll(Jedis j, List<List<String>> keys, List<List<String>> args) {
        Pipeline p = j.pipelined();
        List<Response<Object>> responses = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            responses.add(queue(p, keys.get(i), args.get(i)));
        }
        p.sync();
        List<Object> out = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            out.add(reply(j, responses.get(i), keys.get(i), args.get(i)));
        }
        return out;
    }

    private Object evalAgainIfUnknown(Jedis j, JedisDataException e, List<String> keys, List<String> args) {
        if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
            throw e;
        }
        // A script that was not found did not run, so running it now runs it once.
        j.scriptLoad(source);
        return j.evalsha(sha, keys, args);
    }
}
