package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.support.SentinelSetup;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Issue 21 #1 and #6: a node configured with Sentinel keeps serving through {@code SENTINEL FAILOVER} under a steady
 * stream of turns — no acknowledged message lost, none stored twice, every id still naming the message it was given
 * to — and its live feed moves to the new master. Real processes: a master, a replica and a sentinel. Short (well
 * under a minute); the long version with {@code kill -9} is {@link SentinelFaultsTest} ({@code ./mvnw verify -Pfaults}).
 */
class SentinelFailoverTest {

    static Map<String, String> sentinelEnv(SentinelSetup redis) {
        return Map.of("REDIS_SENTINELS", redis.sentinels(), "REDIS_SENTINEL_MASTER", SentinelSetup.MASTER,
                "REDIS_TIMEOUT_MS", "1000", "REDIS_WAIT_TIMEOUT_MS", "500", "REDIS_PROBE_SECONDS", "1",
                "CONVERSATION_RATE_LIMIT_PER_MINUTE", "100000", "RATE_LIMIT_PER_MINUTE", "1000000");
    }

    @Test
    void failoverUnderTrafficLosesAndDuplicatesNothing() throws Exception {
        try (SentinelSetup redis = SentinelSetup.start(1);
             TestServer server = TestServer.start(sentinelEnv(redis))) {
            assertEquals(200, server.send(HttpRequest.newBuilder(server.uri("/ready")).GET()).statusCode());
            int oldMaster = redis.currentMasterPort();
            FailoverTraffic traffic = new FailoverTraffic(server, 4);
            traffic.start();
            Thread.sleep(3000);
            int before = traffic.ackedCount();
            long t0 = System.currentTimeMillis();
            redis.failover();
            int newMaster = redis.awaitNewMaster(oldMaster, 20_000);
            long switched = System.currentTimeMillis() - t0;
            assertEquals(redis.replicaPort(), newMaster);
            // The old master is turned into a replica of the new one within about ten seconds (the sentinels' INFO
            // period); until then no replica confirms a write, and turns are answered 503 and retried.
            redis.awaitReplicaLink(newMaster, 30_000);
            int recovered = traffic.ackedCount();
            Thread.sleep(2000);
            traffic.stop();
            System.out.println("[sentinel failover] master switched in " + switched + " ms; " + traffic.summary());
            assertTrue(before > 0, "traffic flowed before the failover");
            assertTrue(traffic.ackedCount() > recovered, "traffic flowed after the failover: " + traffic.summary());
            try (Jedis master = redis.client(newMaster)) {
                List<String> problems = traffic.verify(master);
                assertEquals(List.of(), problems, traffic.summary());
                // The live feed's subscription moved to the new master.
                assertTrue(awaitNodeSubscription(master), "the live feed subscribed on the new master");
            }
            assertTrue(awaitReady(server), "ready again once a replica confirms writes");
        }
    }

    static boolean awaitReady(TestServer server) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (server.send(HttpRequest.newBuilder(server.uri("/ready")).GET()).statusCode() == 200) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /** A node's own feed channel ({@code ia:feed:node:*}) is subscribed on this server. */
    static boolean awaitNodeSubscription(Jedis master) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            if (!master.pubsubChannels("ia:feed:node:*").isEmpty()) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }
}
