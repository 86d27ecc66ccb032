package kr.daejeon.battery.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A real Redis Cluster started by the test: three masters and one replica each (Debian's {@code /usr/bin/redis-server}
 * with {@code cluster-enabled yes}, joined by {@code redis-cli --cluster create}), in a temporary directory removed on
 * close. Ports are at most 55535, because each node also listens on its port + 10000 (the cluster bus).
 */
public final class RedisClusterSetup implements AutoCloseable {

    public static final String REDIS_SERVER = System.getenv().getOrDefault("REDIS_SERVER_BINARY", "/usr/bin/redis-server");
    private static final String REDIS_CLI = System.getenv().getOrDefault("REDIS_CLI_BINARY", "/usr/bin/redis-cli");

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<Integer, Process> servers = new java.util.HashMap<>();
    private final List<Integer> ports = new ArrayList<>();

    private RedisClusterSetup(int masters, int replicasEach) throws IOException {
        dir = Files.createTempDirectory("cluster-test");
        for (int i = 0; i < masters * (1 + replicasEach); i++) {
            int port = freePortWithBus(ports);
            ports.add(port);
            List<String> cmd = List.of(REDIS_SERVER, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                    "--cluster-node-timeout", "2000", "--repl-diskless-sync-delay", "0", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--dbfilename", "dump-" + port + ".rdb");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
            processes.add(p);
            servers.put(port, p);
        }
    }

    private static RedisClusterSetup shared;

    /**
     * One cluster (3 masters, 1 replica each) for the whole test JVM, stopped when it exits: the store contract suites
     * and the API tests use it with key prefixes of their own.
     */
    public static synchronized RedisClusterSetup shared() {
        if (shared == null) {
            try {
                shared = start(3, 1);
            } catch (Exception e) {
                throw new IllegalStateException("could not start a Redis Cluster", e);
            }
            RedisClusterSetup started = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return shared;
    }

    /** A client of the shared cluster with key prefix {@code prefix}. */
    public static kr.daejeon.battery.infra.redis.RedisClient sharedClient(String prefix) {
        RedisClusterSetup c = shared();
        return new kr.daejeon.battery.infra.redis.RedisClient(kr.daejeon.battery.config.RedisSettings.cluster(
                List.of(c.seeds().split(",")), prefix, 8, java.time.Duration.ofSeconds(2)), () -> { });
    }

    /** Whether the test can run here: Debian's redis-server 7 (and redis-cli) are installed. */
    public static boolean available() {
        return Files.isExecutable(Path.of(REDIS_SERVER)) && Files.isExecutable(Path.of(REDIS_CLI));
    }

    /** Starts {@code masters} masters with {@code replicasEach} replicas each and waits until the cluster is ok. */
    public static RedisClusterSetup start(int masters, int replicasEach) throws Exception {
        RedisClusterSetup c = new RedisClusterSetup(masters, replicasEach);
        try {
            c.create(replicasEach);
            c.awaitOk();
            c.awaitReplicasInSync();
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    private void create(int replicasEach) throws Exception {
        for (int port : ports) {
            awaitPing(port);
        }
        List<String> cmd = new ArrayList<>(List.of(REDIS_CLI, "--cluster", "create"));
        ports.forEach(p -> cmd.add("127.0.0.1:" + p));
        cmd.addAll(List.of("--cluster-replicas", Integer.toString(replicasEach), "--cluster-yes"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("create.log").toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("redis-cli --cluster create failed: " + Files.readString(dir.resolve("create.log")));
        }
    }

    private void awaitPing(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                if ("PONG".equals(j.ping())) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // starting
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server on " + port + " did not start; logs in " + dir);
    }

    /** Every node says cluster_state:ok and the masters know their slots. */
    public void awaitOk() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        for (int port : ports) {
            if (!servers.get(port).isAlive()) {
                continue; // killed by the test
            }
            while (true) {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    if (j.clusterInfo().contains("cluster_state:ok")) {
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // busy
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("cluster not ok in time; logs in " + dir);
                }
                Thread.sleep(100);
            }
        }
    }

    /** Every replica's link to its master is up (a replica that never synced cannot be promoted). */
    private void awaitReplicasInSync() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        for (int port : ports) {
            while (true) {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    String info = j.info("replication");
                    if (info.contains("role:master") || info.contains("master_link_status:up")) {
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // busy
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("replicas not in sync in time; logs in " + dir);
                }
                Thread.sleep(100);
            }
        }
    }

    /** For {@code REDIS_CLUSTER_NODES}: every node (a client needs only one to find the rest). */
    public String seeds() {
        return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    /** The ports of the nodes that are masters now. */
    public List<Integer> masterPorts() {
        List<Integer> out = new ArrayList<>();
        for (int port : ports) {
            if (!servers.get(port).isAlive()) {
                continue;
            }
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                if (j.info("replication").contains("role:master")) {
                    out.add(port);
                }
            } catch (RuntimeException down) {
                // killed
            }
        }
        return out;
    }

    /** The master that holds {@code key} (asked directly: a master not owning its slot answers MOVED), or -1. */
    public int masterHolding(String key) {
        for (int port : masterPorts()) {
            try (Jedis j = new Jedis("127.0.0.1", port)) {
                if (j.exists(key)) {
                    return port;
                }
            } catch (JedisDataException moved) {
                // not this master's slot
            }
        }
        return -1;
    }

    public Jedis client(int port) {
        return new Jedis("127.0.0.1", port);
    }

    /** {@code kill -9} of the node on {@code port}. */
    public void kill(int port) throws InterruptedException {
        Process p = servers.get(port);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    /** A free port in 20000-55535 whose bus port (+10000) is free too. */
    private static int freePortWithBus(List<Integer> taken) {
        for (int i = 0; i < 200; i++) {
            int port = SentinelSetup.freePort();
            if (taken.contains(port) || taken.contains(port + 10_000) || taken.contains(port - 10_000) || port > 55_535) {
                continue;
            }
            try (ServerSocket bus = new ServerSocket(port + 10_000, 1, InetAddress.getByName("127.0.0.1"))) {
                return port;
            } catch (IOException busTaken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port pair in 20000-55535");
    }
}
