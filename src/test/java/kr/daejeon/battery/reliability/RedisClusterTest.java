package kr.daejeon.battery.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import kr.daejeon.battery.config.RedisSettings;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.health.Readiness;
import kr.daejeon.battery.infra.redis.RedisWriteProbe;
import kr.daejeon.battery.infra.redis.RedisClient;
import kr.daejeon.battery.infra.redis.RedisSessionStore;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.StoreUnavailableException;
import kr.daejeon.battery.support.RedisClusterSetup;
import kr.daejeon.battery.support.SseClient;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import kr.daejeon.battery.support.TestStaff;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server nodes on a real Redis Cluster (3 masters, 1 replica each, started by the test): conversations whose ids
 * land on all three masters, turns, handoffs, a contested claim, staff logins, both live feeds (customer and console)
 * across the nodes, a content approval on one node answered by the other, and rate limits; then, on a cluster of its
 * own, a master's failover followed by the client and {@code /ready}'s probe reporting {@code cluster_down}.
 */
class RedisClusterTest {

    static final String NEW_ANSWER = "[예시] 접수는 12월 18일 18시에 마감됩니다.";

    @BeforeAll
    static void needsRedisServer() {
        assumeTrue(RedisClusterSetup.available(), "Debian's redis-server and redis-cli are not installed");
    }

    @Test
    void twoNodesServeEverythingOnAThreeMasterCluster() throws Exception {
        RedisClusterSetup cluster = RedisClusterSetup.shared();
        String prefix = "rc" + Tokens.random(6);
        Path accounts = TestStaff.accountsFile("kim:김담당:agent", "lee:이담당:agent", "boss:관리자:admin");
        Map<String, String> env = new HashMap<>(Map.of("REDIS_CLUSTER_NODES", cluster.seeds(), "REDIS_KEY_PREFIX", prefix,
                "STAFF_ACCOUNTS_FILE", accounts.toString(), "RATE_LIMIT_PER_MINUTE", "100000",
                "CONVERSATION_RATE_LIMIT_PER_MINUTE", "6", "STAFF_LOGIN_RATE_LIMIT_PER_MINUTE", "1000"));
        try (TestServer a = TestServer.start(env); TestServer b = TestServer.start(env)) {
            assertEquals(200, a.get("/ready", null).statusCode(), a.get("/ready", null).body());
            assertTrue(a.get("/ready", null).body().contains("\"store\":\"redis\""));

            // The API contract: conversations created on one node, a turn on the other, until ids sit on every master.
            Map<Integer, Integer> perMaster = new HashMap<>();
            List<Conversation> all = new ArrayList<>();
            for (int i = 0; i < 60 && (perMaster.size() < 3 || all.size() < 9); i++) {
                TestServer creator = i % 2 == 0 ? a : b;
                TestServer other = creator == a ? b : a;
                Conversation c = creator.newConversation(i % 3 == 0 ? "en" : "ko");
                HttpResponse<String> turn = other.say(c, i % 3 == 0 ? "When is the application deadline?" : "접수 기간");
                assertEquals(200, turn.statusCode(), turn.body());
                HttpResponse<String> page = creator.get("/api/v1/conversations/" + c.id() + "/messages?after=0", c.token());
                assertEquals(200, page.statusCode(), page.body());
                assertEquals(3, TestServer.json(page).get("messages").size(), page.body());
                int master = cluster.masterHolding(prefix + ":{" + c.id() + "}:state");
                assertNotEquals(-1, master, "the conversation is stored on a master");
                perMaster.merge(master, 1, Integer::sum);
                all.add(c);
            }
            assertEquals(3, perMaster.size(), "conversations on all three masters: " + perMaster);
            System.out.printf("[cluster] %d conversations, per master %s%n", all.size(), perMaster.values());

            // Rate limits still count on a cluster (the conversation's bucket is in its slot): the 7th turn in a minute is refused.
            Conversation limited = all.get(0);
            int refused = 0;
            for (int i = 0; i < 7; i++) {
                int status = (i % 2 == 0 ? a : b).say(limited, "접수 기간").statusCode();
                refused += status == 429 ? 1 : 0;
            }
            assertTrue(refused >= 1, "the conversation's limit refused turns");

            // Staff log in on both nodes, many times (sessions are keys of their own, on every master).
            Set<Integer> sessionMasters = new HashSet<>();
            List<TestStaff.Login> logins = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                TestStaff.Login l = TestStaff.login(i % 2 == 0 ? a : b, i % 2 == 0 ? "lee" : "kim");
                assertEquals(200, new TestStaff.Login(i % 2 == 0 ? b : a, l.cookie(), l.csrf()).get("/staff/api/tickets")
                        .statusCode(), "a session made on one node works on the other");
                logins.add(l);
            }
            TestStaff.Login kim = TestStaff.login(b, "kim");
            TestStaff.Login lee = TestStaff.login(a, "lee");

            // The console on node B hears of tickets opened on node A, whatever master their conversation is on.
            LinkedBlockingQueue<String> console = consoleEvents(b, kim.cookie());
            List<Conversation> handedOff = new ArrayList<>();
            Set<Integer> handoffMasters = new HashSet<>();
            for (Conversation c : all.subList(1, all.size())) {
                int master = cluster.masterHolding(prefix + ":{" + c.id() + "}:state");
                if (handoffMasters.add(master)) {
                    handedOff.add(c);
                }
            }
            assertEquals(3, handedOff.size());
            Map<String, String> ticketOf = new HashMap<>();
            for (Conversation c : handedOff) {
                HttpResponse<String> asked = a.say(c, "상담원 연결해 주세요");
                assertEquals(200, asked.statusCode(), asked.body());
                ticketOf.put(c.id(), awaitTicketEvent(console, c.id()));
            }
            assertEquals(3, ticketOf.size(), "every handoff announced once to the console on the other node");
            JsonNode queue = TestServer.json(kim.get("/staff/api/tickets"));
            for (String conversationId : ticketOf.keySet()) {
                assertTrue(queue.toString().contains(conversationId), queue.toString());
            }

            // A contested claim across nodes: exactly one wins.
            Conversation customer = handedOff.get(0);
            String id = ticketOf.get(customer.id());
            CompletableFuture<Integer> claimA = CompletableFuture.supplyAsync(() ->
                    lee.post("/staff/api/tickets/" + id + "/claim", "").statusCode());
            int claimB = kim.post("/staff/api/tickets/" + id + "/claim", "").statusCode();
            int other = claimA.get(20, TimeUnit.SECONDS);
            assertTrue((claimB == 200 && other == 409) || (claimB == 409 && other == 200), claimB + " / " + other);
            TestStaff.Login winner = claimB == 200 ? kim : lee;
            for (String t : ticketOf.values()) {
                if (!t.equals(id)) {
                    assertEquals(200, kim.post("/staff/api/tickets/" + t + "/claim", "").statusCode());
                }
            }
            assertEquals(0, TestServer.json(kim.get("/staff/api/tickets")).get("tickets").findValues("status").stream()
                    .filter(s -> s.asText().equals("waiting")).count(), "no ticket of ours left waiting");

            // Live feeds across nodes: staff reply on the winner's node reaches the customer's stream on node A ...
            // 1 greeting, 2 question, 3 answer, 4 handoff request, 5 handoff, 6 queue position, 7 "staff joined"
            long seenSoFar = TestServer.json(a.get("/api/v1/conversations/" + customer.id() + "/messages?after=0",
                    customer.token())).get("messages").size();
            try (SseClient sse = new SseClient(a.uri("/api/v1/conversations/" + customer.id() + "/events"), customer.token(),
                    Long.toString(seenSoFar))) {
                assertEquals(200, winner.post("/staff/api/tickets/" + id + "/reply", "{\"text\":\"안녕하세요, 담당자입니다.\"}")
                        .statusCode());
                SseClient.Event e = sse.next(10_000);
                assertNotNull(e, "staff reply crossed nodes");
                assertEquals("staff", e.data().get("from").asText());
                assertEquals("안녕하세요, 담당자입니다.", e.data().get("text").asText());
            }
            // ... and the customer's answer on node A reaches the console on node B.
            a.say(customer, "네 감사합니다");
            assertTrue(awaitConsole(console, "네 감사합니다"), "customer message reached the console on node B");

            // Content: an answer approved on A is answered by B within seconds.
            TestStaff.Login kimA = TestStaff.login(a, "kim");
            TestStaff.Login bossA = TestStaff.login(a, "boss");
            HttpResponse<String> proposed = kimA.post("/staff/api/proposals", JsonCodec.write(Map.of("kind", "answer",
                    "intent", "application_deadline", "language", "ko", "text", NEW_ANSWER)));
            assertEquals(200, proposed.statusCode(), proposed.body());
            String proposal = TestServer.json(proposed).get("id").asText();
            HttpResponse<String> approved = bossA.post("/staff/api/proposals/" + proposal + "/approve", "{\"baseVersion\":1}");
            assertEquals(200, approved.statusCode(), approved.body());
            long t0 = System.nanoTime();
            String seen = null;
            while (System.nanoTime() - t0 < 20_000_000_000L && !NEW_ANSWER.equals(seen)) {
                Conversation fresh = b.newConversation("ko"); // a new one each time: the conversation limit is low here
                seen = TestServer.json(b.say(fresh, "접수 기간")).get("messages").get(0).get("text").asText();
                if (!NEW_ANSWER.equals(seen)) {
                    Thread.sleep(250);
                }
            }
            assertEquals(NEW_ANSWER, seen, "node B answers with the text approved on node A");
            System.out.printf("[cluster] approval on A answered by B after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        }
    }

    @Test
    void aMastersFailoverIsFollowedAndALostSlotRangeMakesTheNodeNotReady() throws Exception {
        try (RedisClusterSetup cluster = RedisClusterSetup.start(3, 1);
             RedisClient client = new RedisClient(RedisSettings.cluster(List.of(cluster.seeds().split(",")), "fo",
                     8, Duration.ofSeconds(2)), () -> { });
             RedisSessionStore store = new RedisSessionStore(client, Duration.ofMinutes(10))) {
            RedisWriteProbe probe = new RedisWriteProbe(client, Duration.ofSeconds(1));
            assertTrue(probe.probe().ready());
            Map<Integer, List<String>> byMaster = new HashMap<>();
            for (int i = 0; i < 60 && byMaster.size() < 3; i++) {
                ConversationState s = ConversationState.start("fo" + Tokens.random(8), Tokens.hash("t" + i), "web", "ko",
                        java.time.Instant.now());
                store.create(s, List.of(bot("hello " + i)));
                byMaster.computeIfAbsent(cluster.masterHolding("fo:{" + s.id() + "}:state"), m -> new ArrayList<>()).add(s.id());
            }
            assertEquals(3, byMaster.size(), byMaster.toString());

            // kill -9 of one master right after a turn acknowledged with WAIT for one replica (redis_min_replicas_ack=1):
            // its replica takes over with the turn, and the client follows (the slot map is refreshed).
            int victim = byMaster.keySet().iterator().next();
            List<String> moved = byMaster.get(victim);
            try (RedisClient waiting = new RedisClient(RedisSettings.cluster(List.of(cluster.seeds().split(",")), "fo", 4,
                    Duration.ofSeconds(2)).withMinReplicasAck(1, Duration.ofMillis(1000)), () -> { });
                 RedisSessionStore acked = new RedisSessionStore(waiting, Duration.ofMinutes(10))) {
                acked.append(acked.find(moved.get(0)).orElseThrow(), List.of(bot("acknowledged by a replica")));
            }
            cluster.kill(victim);
            long t0 = System.nanoTime();
            cluster.awaitOk();
            boolean written = false;
            String lastError = null;
            while (!written && System.nanoTime() - t0 < 30_000_000_000L) {
                try {
                    ConversationState s = store.find(moved.get(0)).orElseThrow();
                    store.append(s, List.of(bot("after the failover")));
                    written = true;
                } catch (StoreUnavailableException notYet) {
                    lastError = notYet.getMessage();
                    Thread.sleep(200);
                }
            }
            assertTrue(written, "a conversation of the killed master is written again after the failover: " + lastError);
            System.out.printf("[cluster] writes to the failed master's slots again after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            List<Message> kept = store.messagesAfter(moved.get(0), 0, 10);
            assertEquals(List.of("acknowledged by a replica", "after the failover"),
                    kept.stream().skip(1).map(Message::text).toList(), "the acknowledged turn survived the failover");
            for (List<String> ids : byMaster.values()) {
                for (String id : ids) {
                    assertTrue(store.find(id).isPresent(), "conversation " + id + " survived the failover");
                }
            }
            assertTrue(probe.probe().ready());

            // The promoted replica is killed too: its slots have no node, the cluster stops writes, /ready says why.
            int promoted = cluster.masterHolding("fo:{" + moved.get(0) + "}:state");
            cluster.kill(promoted);
            Readiness.Verdict v = probe.probe();
            long deadline = System.currentTimeMillis() + 20_000;
            while (!"cluster_down".equals(v.reason()) && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
                v = probe.probe();
            }
            assertEquals("cluster_down", v.reason(), v.detail());
            assertTrue(!v.ready());
            probe.close();
        }
    }

    /**
     * A slot moved from one master to another by hand, as {@code redis-cli --cluster reshard} does: while it migrates,
     * a new conversation in that slot is created on the importing master ({@code ASK} followed with {@code ASKING});
     * once moved, the existing conversation is read and written there ({@code MOVED} followed, slot map refreshed).
     */
    @Test
    void aSlotMovedToAnotherMasterIsFollowedDuringAndAfterTheMigration() throws Exception {
        try (RedisClusterSetup cluster = RedisClusterSetup.start(3, 0);
             RedisClient client = new RedisClient(RedisSettings.cluster(List.of(cluster.seeds().split(",")), "mv",
                     8, Duration.ofSeconds(2)), () -> { });
             RedisSessionStore store = new RedisSessionStore(client, Duration.ofMinutes(10), 0, Duration.ofDays(1), null)) {
            ConversationState old = ConversationState.start("mv" + Tokens.random(8), Tokens.hash("t"), "web", "ko",
                    java.time.Instant.now());
            store.create(old, List.of(bot("before the move")));
            String oldKey = "mv:{" + old.id() + "}:state";
            int slot = RedisClient.slotOf(oldKey);
            int source = cluster.masterHolding(oldKey);
            int target = cluster.masterPorts().stream().filter(p -> p != source).findFirst().orElseThrow();
            String sourceId;
            String targetId;
            try (var s = cluster.client(source); var t = cluster.client(target)) {
                sourceId = s.clusterMyId();
                targetId = t.clusterMyId();
                t.clusterSetSlotImporting(slot, sourceId);
                s.clusterSetSlotMigrating(slot, targetId);
            }
            // Migrating: the old conversation is still read on the source; a key the source lacks is answered ASK and
            // read on the target (ASKING); a new conversation's script (4 keys, none there yet) is answered TRYAGAIN
            // until the slot is moved, then runs on the target.
            assertTrue(store.find(old.id()).isPresent());
            String fresh = null;
            while (fresh == null) {
                String candidate = "mv" + Tokens.random(8);
                if (RedisClient.slotOf("mv:{" + candidate + "}:state") == slot) {
                    fresh = candidate;
                }
            }
            assertTrue(store.find(fresh).isEmpty(), "asked on the importing master: not there yet");
            ConversationState born = ConversationState.start(fresh, Tokens.hash("t"), "web", "ko", java.time.Instant.now());
            CompletableFuture<List<Message>> creating = CompletableFuture.supplyAsync(() ->
                    store.create(born, List.of(bot("during the move"))));
            Thread.sleep(60);
            // The old conversation's keys move, and the slot is assigned to the target on every master.
            try (var s = cluster.client(source)) {
                List<String> keys = s.clusterGetKeysInSlot(slot, 100);
                assertTrue(keys.contains(oldKey), keys.toString());
                s.migrate("127.0.0.1", target, 5000, redis.clients.jedis.params.MigrateParams.migrateParams(),
                        keys.toArray(String[]::new));
            }
            for (int port : cluster.masterPorts()) {
                try (var j = cluster.client(port)) {
                    j.clusterSetSlotNode(slot, targetId);
                }
            }
            assertEquals(1, creating.get(10, TimeUnit.SECONDS).get(0).id(), "created once the slot moved");
            ConversationState stored = store.find(old.id()).orElseThrow();
            store.append(stored, List.of(bot("after the move")));
            assertEquals(2, store.messagesAfter(old.id(), 0, 10).size());
            assertEquals(1, store.messagesAfter(fresh, 0, 10).size());
            assertEquals(target, cluster.masterHolding(oldKey), "the conversation lives on the target now");
            assertEquals(target, cluster.masterHolding("mv:{" + fresh + "}:state"));
        }
    }

    private static Message bot(String text) {
        return Message.bot(text, List.of(), List.of(), java.time.Instant.now(), "greeting");
    }

    private static LinkedBlockingQueue<String> consoleEvents(TestServer s, String cookie) throws Exception {
        LinkedBlockingQueue<String> console = new LinkedBlockingQueue<>();
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(s.uri("/staff/api/events"))
                .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (line.startsWith("data: ")) {
                        console.add(line.substring(6));
                    }
                }
            } catch (Exception ignored) {
                // closed
            }
        });
        reader.setDaemon(true);
        reader.start();
        return console;
    }

    private static String awaitTicketEvent(LinkedBlockingQueue<String> console, String conversationId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            String event = console.poll(200, TimeUnit.MILLISECONDS);
            if (event != null && event.contains("\"type\":\"ticket\"") && event.contains(conversationId)) {
                return JsonCodec.MAPPER.readTree(event).get("ticket").get("id").asText();
            }
        }
        throw new AssertionError("no ticket event for " + conversationId);
    }

    private static boolean awaitConsole(LinkedBlockingQueue<String> console, String text) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            String event = console.poll(200, TimeUnit.MILLISECONDS);
            if (event != null && event.contains(text)) {
                return true;
            }
        }
        return false;
    }
}
