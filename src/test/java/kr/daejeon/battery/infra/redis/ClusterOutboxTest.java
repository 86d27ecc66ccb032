package kr.daejeon.battery.infra.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import kr.daejeon.battery.support.RedisClusterSetup;

/** The same outbox cases on a real 3-master Redis Cluster: the stream lives on its slot's master, found through the map. */
class ClusterOutboxTest extends RedisOutboxTest {

    @Override
    RedisClient newClient(String prefix) {
        assumeTrue(RedisClusterSetup.available(), "Debian's redis-server and redis-cli are not installed");
        return RedisClusterSetup.sharedClient(prefix);
    }
}
