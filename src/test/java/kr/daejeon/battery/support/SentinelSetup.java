package kr.daejeon.battery.support;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;

/**
 * Real processes, started by the test: a Redis master, one replica and one to three sentinels watching them
 * (Debian's {@code /usr/bin/redis-server}, sentinels as {@code redis-server FILE --sentinel}), on ports at most
 * 55535, in a temporary directory removed on close. Fast detection (1 s down-after) so a failover takes seconds.
 */
public final class SentinelSetup implements AutoCloseable {

    public static final String MASTER = "mymaster";
    private static final String REDIS_SERVER = System.getenv().getOrDefault("REDIS_SERVER_BINARY", "/usr/bin/redis-server");

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final Map<Integer, Process> servers = new java.util.HashMap<>();
    private final int masterPort;
    private final int replicaPort;
    private final List<Integer> sentinelPorts = new ArrayList<>();

    private SentinelSetup(int sentinels) throws IOException {
        dir = Files.createTempDirectory("sentinel-test");
        masterPort = freePort();
        replicaPort = freePort();
        startServer(masterPort, null);
        startServer(replicaPort, masterPort);
        for (int i = 0; i < sentinels; i++) {
            int port = freePort();
            Path conf = dir.resolve("sentinel-" + port + ".conf");
            Files.writeString(conf, String.join("\n",
                    "port " + port,
                    "bind 127.0.0.1",
                    "dir " + dir,
                    "sentinel resolve-hostnames no",
                    "sentinel monitor " + MASTER + " 127.0.0.1 " + masterPort + " " + (sentinels / 2 + 1),
                    "sentinel down-after-milliseconds " + MASTER + " 1000",
                    "sentinel failover-timeout " + MASTER + " 6000",
                    "sentinel parallel-syncs " + MASTER + " 1", ""));
            processes.add(start(List.of(REDIS_SERVER, conf.toString(), "--sentinel"), "sentinel-" + port));
            sentinelPorts.add(port);
        }
    }

    /** Starts the servers and sentinels and waits until every sentinel sees the replica. */
    public static SentinelSetup start(int sentinels) throws Exception {
        SentinelSetup s = new SentinelSetup(sentinels);
        s.awaitReady();
        return s;
    }

    private void startServer(int port, Integer masterOf) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(REDIS_SERVER, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--dbfilename", "dump-" + port + ".rdb"));
        if (masterOf != null) {
            cmd.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(masterOf)));
        }
        Process p = start(cmd, "redis-" + port);
        processes.add(p);
        servers.put(port, p);
    }

    private Process start(List<String> cmd, String name) throws IOException {
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private void awaitReady() throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        for (int port : sentinelPorts) {
            while (true) {
                try (Jedis j = new Jedis("127.0.0.1", port)) {
                    List<Map<String, String>> replicas = j.sentinelReplicas(MASTER);
                    if (!replicas.isEmpty() && !replicas.get(0).get("flags").contains("down")
                            && "ok".equals(replicas.get(0).get("master-link-status"))
                            && (sentinelPorts.size() == 1 || j.sentinelSentinels(MASTER).size() == sentinelPorts.size() - 1)) {
                        break;
                    }
                } catch (RuntimeException notYet) {
                    // not listening yet
                }
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("sentinels did not see the replica in time; logs in " + dir);
                }
                Thread.sleep(100);
            }
        }
    }

    /** For {@code REDIS_SENTINELS}. */
    public String sentinels() {
        return String.join(",", sentinelPorts.stream().map(p -> "127.0.0.1:" + p).toList());
    }

    public int sentinelPort() {
        return sentinelPorts.get(0);
    }

    /** The master's port as the first sentinel tells it. */
    public int currentMasterPort() {
        try (Jedis j = new Jedis("127.0.0.1", sentinelPort())) {
            return Integer.parseInt(j.sentinelGetMasterAddrByName(MASTER).get(1));
        }
    }

    public int originalMasterPort() {
        return masterPort;
    }

    public int replicaPort() {
        return replicaPort;
    }

    /** {@code SENTINEL FAILOVER}: the replica is promoted, the master demoted, with no agreement needed. */
    public void failover() {
        try (Jedis j = new Jedis("127.0.0.1", sentinelPort())) {
            j.sentinelFailover(MASTER);
        }
    }

    /** {@code kill -9} of the server on {@code port}. */
    public void kill(int port) throws InterruptedException {
        Process p = servers.get(port);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    /** Starts the server on {@code port} again, empty, as a replica of the current master (as an operator would). */
    public void restartAsReplica(int port) throws IOException {
        startServer(port, currentMasterPort());
    }

    public Jedis client(int port) {
        return new Jedis("127.0.0.1", port);
    }

    /** Waits until the sentinels name a master other than {@code oldPort}; returns the new port. */
    public int awaitNewMaster(int oldPort, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try {
                int now = currentMasterPort();
                if (now != oldPort) {
                    try (Jedis j = client(now)) {
                        if (j.info("replication").contains("role:master")) {
                            return now;
                        }
                    }
                }
            } catch (RuntimeException notYet) {
                // the sentinel is busy
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no failover within " + timeoutMs + " ms; logs in " + dir);
    }

    /** Waits until the master on {@code port} has a replica whose link is up and in sync. */
    public void awaitReplicaLink(int port, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            try (Jedis j = client(port)) {
                String info = j.info("replication");
                if (info.contains("connected_slaves:") && !info.contains("connected_slaves:0") && info.contains("state=online")) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // busy
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no replica linked to " + port + " within " + timeoutMs + " ms; logs in " + dir);
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

    /** A free port in 20000-55535 (the range the brief allows; the kernel's ephemeral ports may be above it). */
    public static int freePort() {
        for (int i = 0; i < 200; i++) {
            int port = ThreadLocalRandom.current().nextInt(20_000, 55_536);
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in 20000-55535");
    }
}
