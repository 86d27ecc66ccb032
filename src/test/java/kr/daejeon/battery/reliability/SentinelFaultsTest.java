package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import kr.daejeon.battery.support.SentinelSetup;
import kr.daejeon.battery.support.TestServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * The long Sentinel fault run (about two minutes, not in the default build): three sentinels, a master and a replica,
 * four clients sending turns throughout; first {@code SENTINEL FAILOVER}, then {@code kill -9} of the master (restarted
 * empty as a replica, as an operator would), then {@code kill -9} of the new master. After each: no acknowledged
 * message lost, none stored twice, ids still naming their messages, the live feed on the new master; the seconds of
 * 503 are printed. Run: {@code ./mvnw -B -ntp -o verify -Pfaults} (docs/deployment.md).
 */
@Tag("faults")
class SentinelFaultsTest {

    @Test
    void failoverAndKillNineUnderTraffic() throws Exception {
        try (SentinelSetup redis = SentinelSetup.start(3);
             TestServer server = TestServer.start(SentinelFailoverTest.sentinelEnv(redis))) {
            FailoverTraffic traffic = new FailoverTraffic(server, 4);
            traffic.start();
            Thread.sleep(5000);

            int first = redis.currentMasterPort();
            long t0 = System.currentTimeMillis();
            redis.failover();
            int second = redis.awaitNewMaster(first, 30_000);
            redis.awaitReplicaLink(second, 60_000);
            System.out.println("[faults] SENTINEL FAILOVER " + first + " -> " + second + ": writes confirmed again after "
                    + (System.currentTimeMillis() - t0) + " ms; " + traffic.summary());
            Thread.sleep(5000);

            t0 = System.currentTimeMillis();
            redis.kill(second);
            int third = redis.awaitNewMaster(second, 60_000);
            redis.restartAsReplica(second);
            redis.awaitReplicaLink(third, 60_000);
            System.out.println("[faults] kill -9 of " + second + " -> " + third + ": writes confirmed again after "
                    + (System.currentTimeMillis() - t0) + " ms; " + traffic.summary());
            Thread.sleep(5000);

            t0 = System.currentTimeMillis();
            redis.kill(third);
            int fourth = redis.awaitNewMaster(third, 60_000);
            redis.restartAsReplica(third);
            redis.awaitReplicaLink(fourth, 60_000);
            System.out.println("[faults] kill -9 of " + third + " -> " + fourth + ": writes confirmed again after "
                    + (System.currentTimeMillis() - t0) + " ms; " + traffic.summary());
            Thread.sleep(5000);
            traffic.stop();
            System.out.println("[faults] total: " + traffic.summary());
            try (Jedis master = redis.client(fourth)) {
                assertEquals(List.of(), traffic.verify(master), traffic.summary());
                assertTrue(SentinelFailoverTest.awaitNodeSubscription(master), "the live feed on the last master");
            }
            assertTrue(SentinelFailoverTest.awaitReady(server));
        }
    }
}
