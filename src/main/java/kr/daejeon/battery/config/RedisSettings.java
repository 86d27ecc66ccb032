package kr.daejeon.battery.config;

import java.time.Duration;
import java.util.List;

/**
 * Where Redis is and how sure a write must be: one server ({@code url}), a master found through Sentinel
 * ({@code sentinels} + {@code master}) or a Redis Cluster ({@code clusterNodes}, seeds), with optional credentials and
 * TLS for each side.
 *
 * @param url              one Redis ({@code redis://} / {@code rediss://}), or null in Sentinel mode
 * @param sentinels        {@code host:port} of each sentinel (empty without Sentinel)
 * @param minReplicasAck   replicas that must confirm a stored turn ({@code WAIT}); 0 = do not wait
 * @param waitTimeout      how long a turn waits for them
 * @param probeInterval    how often the node test-writes for {@code /ready}
 * @param clusterNodes     {@code host:port} of some cluster nodes (empty without Cluster)
 */
public record RedisSettings(String url, List<String> sentinels, String master, String username, String password,
                            boolean tls, String sentinelUsername, String sentinelPassword, boolean sentinelTls,
                            String prefix, int poolSize, Duration timeout, int minReplicasAck, Duration waitTimeout,
                            Duration probeInterval, List<String> clusterNodes) {

    public RedisSettings {
        sentinels = List.copyOf(sentinels);
        clusterNodes = List.copyOf(clusterNodes);
    }

    /** One Redis at {@code url}, no replica wait: what tests and the single-server deployment use. */
    public static RedisSettings single(String url, String prefix, int poolSize, Duration timeout) {
        return new RedisSettings(url, List.of(), null, null, null, false, null, null, false, prefix, poolSize, timeout, 0,
                Duration.ofMillis(Math.max(10, timeout.toMillis() / 4)), Duration.ofSeconds(2), List.of());
    }

    /** A Redis Cluster found from {@code seeds} ({@code host:port}), no replica wait: what the cluster tests use. */
    public static RedisSettings cluster(List<String> seeds, String prefix, int poolSize, Duration timeout) {
        return new RedisSettings(null, List.of(), null, null, null, false, null, null, false, prefix, poolSize, timeout, 0,
                Duration.ofMillis(Math.max(10, timeout.toMillis() / 4)), Duration.ofSeconds(2), seeds);
    }

    public boolean cluster() {
        return !clusterNodes.isEmpty();
    }

    public boolean sentinel() {
        return !sentinels.isEmpty();
    }

    /** For logs: the URL without its password, or the sentinels and master name. */
    public String describe() {
        if (cluster()) {
            return "cluster via " + String.join(",", clusterNodes);
        }
        return sentinel() ? "sentinel master '" + master + "' via " + String.join(",", sentinels)
                : url.replaceAll("//[^@/]*@", "//***@");
    }

    public RedisSettings withMinReplicasAck(int replicas, Duration wait) {
        return new RedisSettings(url, sentinels, master, username, password, tls, sentinelUsername, sentinelPassword,
                sentinelTls, prefix, poolSize, timeout, replicas, wait, probeInterval, clusterNodes);
    }

    public RedisSettings withProbeInterval(Duration interval) {
        return new RedisSettings(url, sentinels, master, username, password, tls, sentinelUsername, sentinelPassword,
                sentinelTls, prefix, poolSize, timeout, minReplicasAck, waitTimeout, interval, clusterNodes);
    }
}
