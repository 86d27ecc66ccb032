package kr.daejeon.battery.session;

import java.util.List;
import java.util.ArrayList;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/** A Lua script run by its SHA (sent once, not with every call), reloaded when Redis has forgotten it. */
public final class RedisScript {

    private final String source;
    private volatile String sha;

    public RedisScript(String source) {
        this.source = source;
    }

    public Object eval(Jedis j, List<String> keys, List<String> args) {
        String s = sha;
        if (s == null) {
            s = j.scriptLoad(source);
            sha = s;
        }
        try {
            return j.evalsha(s, keys, args);
        } catch (JedisNoScriptException e) {
            // Redis restarted or flushed its script cache.
            sha = j.scriptLoad(source);
            return j.evalsha(sha, keys, args);
        }
    }

    /** Runs the script once per (keys, args) pair in one round trip (a pipeline); results in order. */
    public List<Object> evalAll(Jedis j, List<List<String>> keys, List<List<String>> args) {
        if (sha == null) {
            sha = j.scriptLoad(source);
        }
        try {
            return pipelined(j, keys, args);
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().startsWith("NOSCRIPT")) {
                throw e;
            }
            sha = j.scriptLoad(source);
            return pipelined(j, keys, args);
        }
    }

    private List<Object> pipelined(Jedis j, List<List<String>> keys, List<List<String>> args) {
        Pipeline p = j.pipelined();
        List<Response<Object>> responses = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            responses.add(p.evalsha(sha, keys.get(i), args.get(i)));
        }
        p.sync();
        List<Object> out = new ArrayList<>();
        for (Response<Object> r : responses) {
            out.add(r.get());
        }
        return out;
    }
}
