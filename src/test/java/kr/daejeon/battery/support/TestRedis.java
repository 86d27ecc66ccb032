package kr.daejeon.battery.support;

import java.io.IOException;
import java.net.ServerSocket;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPooled;
import redis.embedded.RedisServer;

/**
 * A real Redis for tests: the server at {@code REDIS_URL} when set, otherwise the redis-server
 * binary shipped by embedded-redis on a free port. {@link #ownInstance()} always starts a
 * private server, for tests that stop and restart Redis.
 */
public final class TestRedis implements AutoCloseable {

    private static TestRedis shared;

    private final RedisServer server;
    private final int port;
    private final String url;

    private TestRedis(RedisServer server, int port, String url) {
        this.server = server;
        this.port = port;
        this.url = url;
    }

    public static synchronized TestRedis shared() {
        if (shared == null) {
            String external = System.getenv("REDIS_URL");
            shared = external != null && !external.isBlank() ? new TestRedis(null, -1, external) : ownInstance();
        }
        return shared;
    }

    public static TestRedis ownInstance() {
        int port = freePort();
        TestRedis r = new TestRedis(newServer(port), port, "redis://127.0.0.1:" + port);
        r.start();
        return r;
    }

    private static RedisServer newServer(int port) {
        try {
            return RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
                    .setting("appendonly no").onShutdownForceStop(true).build();
        } catch (IOException e) {
            throw new IllegalStateException("could not prepare redis-server", e);
        }
    }

    public String url() {
        return url;
    }

    public void start() {
        try {
            server.start();
        } catch (IOException e) {
            throw new IllegalStateException("could not start redis-server on port " + port, e);
        }
    }

    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public void flushAll() {
        try (JedisPooled j = new JedisPooled(java.net.URI.create(url))) {
            j.flushAll();
        }
    }

    /** Makes this Redis unresponsive for {@code seconds} ({@code DEBUG SLEEP}); blocks meanwhile. */
    public void sleep(double seconds) {
        try (Jedis j = client()) {
            j.sendCommand(() -> "DEBUG".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "SLEEP", String.valueOf(seconds));
        }
    }

    public Jedis client() {
        return new Jedis(java.net.URI.create(url));
    }

    @Override
    public void close() {
        if (server != null && server.isActive()) {
            stop();
        }
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
