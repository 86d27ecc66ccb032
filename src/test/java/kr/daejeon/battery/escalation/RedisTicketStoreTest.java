package kr.daejeon.battery.escalation;

import kr.daejeon.battery.infra.redis.RedisTicketStore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.support.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The ticket contract against a real Redis server; every test uses its own key prefix. */
class RedisTicketStoreTest extends TicketStoreContract {

    private RedisClient client;

    @Override
    protected TicketStore newStore() {
        client = new RedisClient(TestRedis.shared().url(), "tk" + Tokens.random(6), 8, Duration.ofSeconds(2));
        return new RedisTicketStore(client);
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void theWaitingCountIsOneRoundTripHoweverLongTheQueue() {
        for (int i = 0; i < 300; i++) {
            store.open(ticket(T0.plusSeconds(i)));
        }
        try (Jedis j = TestRedis.shared().client()) {
            long hashReadsBefore = calls(j, "hgetall");
            long cardsBefore = calls(j, "zcard");
            assertEquals(300, store.waitingCount());
            assertEquals(0, calls(j, "hgetall") - hashReadsBefore, "no ticket read");
            assertEquals(1, calls(j, "zcard") - cardsBefore);
        }
    }

    /** Calls of one command on the server so far, from INFO commandstats. */
    private static long calls(Jedis j, String command) {
        for (String line : j.info("commandstats").split("\r?\n")) {
            if (line.startsWith("cmdstat_" + command + ":")) {
                return Long.parseLong(line.replaceAll("^[^:]+:calls=(\\d+),.*", "$1"));
            }
        }
        return 0;
    }

    @Test
    void everyTicketExpiresTheRetentionPeriodAfterItsLastChange() {
        Ticket t = ticket(T0);
        store.open(t);
        try (Jedis j = TestRedis.shared().client()) {
            String key = client.prefix() + ":ticket:{" + t.id() + "}";
            // Open or resolved: personal data (contact details, notes) is never kept without end.
            assertTrue(j.ttl(key) > Duration.ofDays(89).toSeconds(), "open: " + j.ttl(key));
            store.resolve(t.id(), T0);
            assertTrue(j.ttl(key) > Duration.ofDays(89).toSeconds());
            Ticket expired = ticket(T0);
            store.open(expired);
            j.del(client.prefix() + ":ticket:{" + expired.id() + "}");
            assertEquals(1, store.sweep(T0), "the sweep drops an expired ticket's id from the queue");
            assertEquals(0, j.zcard(client.prefix() + ":tickets:open"));
        }
    }

    @Test
    void theConsentExpiresWithTheTicketUnderTheRetentionPolicy() {
        Ticket t = ticket(T0);
        store.open(t);
        store.setContact(t.id(), "name@example.com", new ContactConsent("2026-12-01", T0, java.util.List.of("email")));
        try (Jedis j = TestRedis.shared().client()) {
            String key = client.prefix() + ":ticket:{" + t.id() + "}";
            assertTrue(j.hexists(key, "consent"), "the consent is a field of the ticket's hash");
            long ttl = j.ttl(key);
            assertTrue(ttl > 0 && ttl <= RedisTicketStore.RESOLVED_RETENTION.toSeconds(), "expires with it: " + ttl);
        }
    }
}
