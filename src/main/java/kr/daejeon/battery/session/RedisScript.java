package kr.daejeon.battery.session;

import java.util.List;
import redis.clients.jedis.Jedis;
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
}
