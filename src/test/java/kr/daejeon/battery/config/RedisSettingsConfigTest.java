package kr.daejeon.battery.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sentinel settings are checked at start, all problems together; replica acknowledgement is on by default with Sentinel. */
class RedisSettingsConfigTest {

    @Test
    void sentinelModeWaitsForOneReplicaByDefault() {
        AppConfig c = AppConfig.load(List.of(), Map.of("REDIS_SENTINELS", "10.0.0.1:26379, sentinel-b:26379",
                "REDIS_SENTINEL_MASTER", "mymaster", "REDIS_PASSWORD", "pw", "REDIS_SENTINEL_TLS", "true"));
        RedisSettings r = c.redis();
        assertTrue(c.usesRedis());
        assertTrue(r.sentinel());
        assertNull(c.redisUrl());
        assertEquals(List.of("10.0.0.1:26379", "sentinel-b:26379"), r.sentinels());
        assertEquals("mymaster", r.master());
        assertEquals("pw", r.password());
        assertTrue(r.sentinelTls());
        assertFalse(r.tls());
        assertEquals(1, r.minReplicasAck());
        assertEquals(Duration.ofMillis(500), r.waitTimeout());
        assertFalse(r.describe().contains("pw"));
    }

    @Test
    void oneRedisDoesNotWaitUnlessAsked() {
        assertEquals(0, AppConfig.load(List.of(), Map.of("REDIS_URL", "redis://localhost:6379")).redis().minReplicasAck());
        assertEquals(2, AppConfig.load(List.of(), Map.of("REDIS_URL", "redis://localhost:6379",
                "REDIS_MIN_REPLICAS_ACK", "2")).redis().minReplicasAck());
        assertNull(AppConfig.load(List.of(), Map.of()).redis(), "memory mode");
    }

    @Test
    void halfConfiguredSentinelIsRefusedWithEveryReason() {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of(
                "REDIS_URL", "redis://localhost:6379", "REDIS_SENTINELS", "host-without-port,h:99999",
                "REDIS_MIN_REPLICAS_ACK", "many", "REDIS_SENTINEL_TLS", "yes")));
        String m = e.getMessage();
        assertTrue(m.contains("REDIS_SENTINELS entries must be host:port (got 'host-without-port')"), m);
        assertTrue(m.contains("(got 'h:99999')"), m);
        assertTrue(m.contains("not both"), m);
        assertTrue(m.contains("Sentinel needs both REDIS_SENTINELS and REDIS_SENTINEL_MASTER"), m);
        assertTrue(m.contains("REDIS_MIN_REPLICAS_ACK must be auto or 0-16"), m);
        assertTrue(m.contains("REDIS_SENTINEL_TLS must be true or false"), m);
    }

    @Test
    void theReplicaWaitMustFitInsideTheCallTimeout() {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of(
                "REDIS_SENTINELS", "s:26379", "REDIS_SENTINEL_MASTER", "m", "REDIS_TIMEOUT_MS", "500",
                "REDIS_WAIT_TIMEOUT_MS", "500")));
        assertTrue(e.getMessage().contains("REDIS_WAIT_TIMEOUT_MS (500) must be shorter than REDIS_TIMEOUT_MS (500)"));
        ConfigException pw = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of(
                "REDIS_URL", "redis://localhost:6379", "REDIS_PASSWORD", "x")));
        assertTrue(pw.getMessage().contains("REDIS_PASSWORD is for Sentinel mode"));
    }

    @Test
    void clusterModeTakesSeedsAndItsCredentialsAndGoesAlone() {
        AppConfig c = AppConfig.load(List.of(), Map.of("REDIS_CLUSTER_NODES", "10.0.0.1:7000, redis-b:7001",
                "REDIS_PASSWORD", "pw", "REDIS_TLS", "true"));
        RedisSettings r = c.redis();
        assertTrue(c.usesRedis());
        assertTrue(r.cluster());
        assertFalse(r.sentinel());
        assertEquals(List.of("10.0.0.1:7000", "redis-b:7001"), r.clusterNodes());
        assertEquals("pw", r.password());
        assertTrue(r.tls());
        assertEquals(0, r.minReplicasAck(), "auto = no replica wait on a cluster (asynchronous failover, see docs/deployment.md)");
        assertEquals("cluster via 10.0.0.1:7000,redis-b:7001", r.describe());

        ConfigException e = assertThrows(ConfigException.class, () -> AppConfig.load(List.of(), Map.of(
                "REDIS_CLUSTER_NODES", "no-port,h:7000", "REDIS_URL", "redis://localhost:6379",
                "REDIS_SENTINEL_PASSWORD", "x")));
        String m = e.getMessage();
        assertTrue(m.contains("REDIS_CLUSTER_NODES entries must be host:port (got 'no-port')"), m);
        assertTrue(m.contains("REDIS_CLUSTER_NODES (Cluster) goes alone"), m);
        assertTrue(m.contains("REDIS_SENTINEL_PASSWORD is for Sentinel mode"), m);
    }
}
