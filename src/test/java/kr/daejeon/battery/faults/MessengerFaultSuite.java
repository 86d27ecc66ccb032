package kr.daejeon.battery.faults;

import static kr.daejeon.battery.faults.FaultSuite.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import kr.daejeon.battery.faults.FaultSuite.RedisProcess;
import kr.daejeon.battery.faults.FaultSuite.ThrowingRunnable;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.support.FakePlatform;
import kr.daejeon.battery.support.SseClient;
import kr.daejeon.battery.support.TestServer;
import kr.daejeon.battery.support.TestServer.Conversation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The fault suite's second half (docs/faults.md): the messenger webhooks and the SSE streams under the same Redis
 * faults as {@link FaultSuite} — SIGSTOP pause, kill -9 and restart, maxmemory + noeviction. In each scenario, at
 * the same time and against one real server:
 * <ul>
 *   <li><b>Telegram</b>: updates POSTed with the secret header; a non-2xx or no answer is retried with the same
 *       {@code update_id}, as Telegram does. The fake Bot API (a real HTTP server) counts the {@code sendMessage}
 *       calls per chat against the bot messages stored for that chat.</li>
 *   <li><b>LINE</b>: signed webhook bodies (HMAC-SHA256), retried with the same {@code webhookEventId} and
 *       {@code isRedelivery: true}; the fake counts reply and push calls per user against the stored turns.</li>
 *   <li><b>Kakao</b>: skill requests with the secret; Kakao never retries, so each message is sent once. One user
 *       sends a {@code callbackUrl} (the fake receives the late answers), the other does not (late answers wait in
 *       the pending queue for the next message).</li>
 *   <li><b>SSE</b>: a stream open on each of two web conversations while their turns are posted (widget-style
 *       retries); a stream that ends is reopened with {@code Last-Event-ID}. Every message id in the transcript
 *       must arrive once: gaps and duplicates are counted.</li>
 * </ul>
 * Not part of the default test run: {@code bash faults/run.sh}.
 */
class MessengerFaultSuite {

    static final int USERS = 2;
    static final int MESSAGES = Integer.getInteger("faults.messages", 10);
    static final int RETRIES = Integer.getInteger("faults.retries", 20);
    static final long PACE_MS = Long.getLong("faults.paceMs", 150);
    static final double OUTAGE_SECONDS = Double.parseDouble(System.getProperty("faults.outage", "3"));
    static final String TG_SECRET = "faults-telegram-secret-0123456789";
    static final String TG_BOT = "123456:FAULTS";
    static final String LINE_SECRET = "faults-line-channel-secret";
    static final String KAKAO_SECRET = "faults-kakao-skill-secret-0123";
    static final List<String> REPORT = new ArrayList<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** What one message went through: its unique text, whether the platform saw a 2xx, every status. */
    record Sent(String channel, String user, String text, boolean acknowledged, List<Integer> statuses, String answer) {
    }

    static TestServer server(RedisProcess redis, FakePlatform platform) {
        Map<String, String> env = new HashMap<>();
        env.put("REDIS_URL", redis.url());
        env.put("REDIS_TIMEOUT_MS", "500");
        env.put("RATE_LIMIT_PER_MINUTE", "100000");
        env.put("CONVERSATION_RATE_LIMIT_PER_MINUTE", "100000");
        env.put("TELEGRAM_BOT_TOKEN", TG_BOT);
        env.put("TELEGRAM_SECRET_TOKEN", TG_SECRET);
        env.put("TELEGRAM_API_BASE", platform.baseUrl());
        env.put("LINE_CHANNEL_SECRET", LINE_SECRET);
        env.put("LINE_CHANNEL_ACCESS_TOKEN", "faults-line-access-token");
        env.put("LINE_API_BASE", platform.baseUrl());
        env.put("KAKAO_SKILL_SECRET", KAKAO_SECRET);
        env.put("KAKAO_BOT_IDS", "bot-faults");
        env.put("KAKAO_CALLBACK_HOSTS", "127.0.0.1");
        return TestServer.start(env);
    }

    /** One POST; the status, or 0 for no answer within 5 s. The body goes to {@code body[0]} when given. */
    private int post(URI uri, Map<String, String> headers, String json, String[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (body != null) {
                body[0] = r.body();
            }
            return r.statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Sends until a 2xx, as a platform that retries does (same body, so the same update / event id). */
    private Sent retried(String channel, String user, String text, URI uri, java.util.function.IntFunction<Map<String, String>> headers,
                         java.util.function.IntFunction<String> body) {
        List<Integer> statuses = new ArrayList<>();
        boolean ok = false;
        for (int attempt = 0; attempt <= RETRIES && !ok; attempt++) {
            int status = post(uri, headers.apply(attempt), body.apply(attempt), null);
            statuses.add(status);
            ok = status / 100 == 2;
            if (!ok && status != 0 && status / 100 != 5 && status != 429) {
                break;
            }
            if (!ok) {
                sleep(300);
            }
        }
        return new Sent(channel, user, text, ok, statuses, null);
    }

    List<Sent> telegram(TestServer server, String scenario, int user) {
        List<Sent> out = new ArrayList<>();
        long chat = 900_000 + user;
        for (int m = 0; m < MESSAGES; m++) {
            String text = "신청 마감이 언제예요 " + scenario + "-tg-" + user + "-" + m;
            long updateId = 10_000L * (user + 1) + m;
            String update = "{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + updateId + ",\"date\":1767225600,"
                    + "\"from\":{\"id\":" + chat + ",\"is_bot\":false,\"first_name\":\"Kim\",\"language_code\":\"ko\"},"
                    + "\"chat\":{\"id\":" + chat + ",\"type\":\"private\"},\"text\":\"" + text + "\"}}";
            out.add(retried("telegram", Long.toString(chat), text, server.uri("/channels/telegram/webhook"),
                    a -> Map.of("X-Telegram-Bot-Api-Secret-Token", TG_SECRET), a -> update));
            sleep(PACE_MS);
        }
        return out;
    }

    static String lineSignature(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(LINE_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<Sent> line(TestServer server, String scenario, int user) {
        List<Sent> out = new ArrayList<>();
        String userId = "U" + scenario.replaceAll("[^a-z0-9]", "") + "faultsuser" + user;
        for (int m = 0; m < MESSAGES; m++) {
            String text = "신청 마감이 언제예요 " + scenario + "-line-" + user + "-" + m;
            String eventId = "01FAULTS" + user + "EVT" + m;
            java.util.function.IntFunction<String> body = a -> "{\"destination\":\"Ufaults\",\"events\":[{\"type\":\"message\","
                    + "\"message\":{\"type\":\"text\",\"id\":\"" + eventId + "\",\"text\":\"" + text + "\"},"
                    + "\"webhookEventId\":\"" + eventId + "\",\"deliveryContext\":{\"isRedelivery\":" + (a > 0) + "},"
                    + "\"timestamp\":1767225600000,\"source\":{\"type\":\"user\",\"userId\":\"" + userId + "\"},"
                    + "\"replyToken\":\"rt-" + eventId + "-" + a + "\",\"mode\":\"active\"}]}";
            out.add(retried("line", userId, text, server.uri("/channels/line/webhook"),
                    a -> Map.of("X-Line-Signature", lineSignature(body.apply(a))), body));
            sleep(PACE_MS);
        }
        return out;
    }

    /** Kakao never retries a skill request: one try per message; the answer is in the response or comes later. */
    List<Sent> kakao(TestServer server, FakePlatform platform, String scenario, int user) {
        List<Sent> out = new ArrayList<>();
        String userId = "kakao-faults-" + scenario + "-" + user;
        for (int m = 0; m < MESSAGES; m++) {
            String text = "신청 마감이 언제예요 " + scenario + "-kakao-" + user + "-" + m;
            String callback = user == 0 ? platform.baseUrl() + "/kakao/cb/" + userId + "/" + m : null;
            String body = "{\"intent\":{\"id\":\"i1\",\"name\":\"폴백 블록\"},\"userRequest\":{\"timezone\":\"Asia/Seoul\","
                    + "\"params\":{},\"block\":{\"id\":\"b1\",\"name\":\"폴백 블록\"},\"utterance\":\"" + text + "\",\"lang\":\"ko\","
                    + (callback == null ? "" : "\"callbackUrl\":\"" + callback + "\",")
                    + "\"user\":{\"id\":\"" + userId + "\",\"type\":\"botUserKey\",\"properties\":{}}},"
                    + "\"bot\":{\"id\":\"bot-faults\",\"name\":\"이차전지 안내\"},\"action\":{\"name\":\"skill\",\"clientExtra\":null,"
                    + "\"params\":{},\"id\":\"a1\",\"detailParams\":{}}}";
            String[] answer = new String[1];
            int status = post(server.uri("/channels/kakao/skill"), Map.of("X-Skill-Secret", KAKAO_SECRET), body, answer);
            String kind = "error";
            if (status == 200) {
                kind = answer[0].contains("\"useCallback\":true") ? "callback" : kakaoSaysTakingLonger(answer[0]) ? "later" : "answer";
            }
            out.add(new Sent("kakao", userId, text, status == 200, List.of(status), kind));
            sleep(PACE_MS);
        }
        return out;
    }

    /** The "taking longer" skill answer (content key kakao_taking_longer in faq/conversation.yaml). */
    static boolean kakaoSaysTakingLonger(String body) {
        return body.contains("답변 준비에 시간이 걸리고 있어요");
    }

    /** A reader that keeps a conversation's stream open, reopening it with Last-Event-ID whenever it ends. */
    final class Stream implements Runnable {
        final Conversation conversation;
        final TestServer server;
        final Map<Long, Integer> received = new ConcurrentHashMap<>();
        final AtomicInteger reconnects = new AtomicInteger();
        final Map<Integer, Integer> openStatuses = new ConcurrentHashMap<>();
        final AtomicLong lastId = new AtomicLong(-1);
        volatile boolean stop;

        Stream(TestServer server, Conversation conversation) {
            this.server = server;
            this.conversation = conversation;
        }

        @Override
        public void run() {
            boolean first = true;
            while (!stop) {
                if (!first) {
                    reconnects.incrementAndGet();
                }
                first = false;
                try (SseClient sse = new SseClient(server.uri("/api/v1/conversations/" + conversation.id() + "/events"),
                        conversation.token(), lastId.get() < 0 ? null : Long.toString(lastId.get()))) {
                    openStatuses.merge(sse.status(), 1, Integer::sum);
                    if (sse.status() != 200) {
                        sleep(500);
                        continue;
                    }
                    while (!stop) {
                        SseClient.Event e = sse.next(200);
                        if (e != null) {
                            if ("message".equals(e.type()) && e.id() >= 0) {
                                received.merge(e.id(), 1, Integer::sum);
                                lastId.accumulateAndGet(e.id(), Math::max);
                            }
                        } else if (sse.awaitEnd(0)) {
                            break;
                        }
                    }
                } catch (Exception e) {
                    openStatuses.merge(0, 1, Integer::sum);
                    sleep(500);
                }
                if (!stop) {
                    sleep(2000); // the server's "retry: 2000"
                }
            }
        }
    }

    /** Web turns on a conversation whose stream is open, sent as the widget sends them. */
    List<Sent> web(TestServer server, Conversation conv, String scenario, int user) {
        List<Sent> out = new ArrayList<>();
        for (int m = 0; m < MESSAGES; m++) {
            String text = "신청 마감이 언제예요 " + scenario + "-sse-" + user + "-" + m;
            String key = scenario + "-sse-" + user + "-" + m;
            out.add(retried("sse", conv.id(), text, server.uri("/api/v1/conversations/" + conv.id() + "/messages"),
                    a -> Map.of("Authorization", "Bearer " + conv.token(), "Idempotency-Key", key),
                    a -> JsonCodec.write(Map.of("text", text))));
            sleep(PACE_MS);
        }
        return out;
    }

    void scenario(String name, RedisProcess redis, ThrowingRunnable fault) throws Exception {
        try (FakePlatform platform = new FakePlatform(); TestServer server = server(redis, platform)) {
            List<Conversation> webConversations = new ArrayList<>();
            List<Stream> streams = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                Conversation c = server.newConversation("ko");
                webConversations.add(c);
                streams.add(new Stream(server, c));
            }
            ExecutorService pool = Executors.newFixedThreadPool(5 * USERS + 1);
            streams.forEach(pool::submit);
            sleep(500); // the streams are open before the load starts
            List<Future<List<Sent>>> load = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                int user = u;
                load.add(pool.submit(() -> telegram(server, name, user)));
                load.add(pool.submit(() -> line(server, name, user)));
                load.add(pool.submit(() -> kakao(server, platform, name, user)));
                load.add(pool.submit(() -> web(server, webConversations.get(user), name, user)));
            }
            Future<?> side = pool.submit(() -> {
                fault.run();
                return null;
            });
            List<Sent> all = new ArrayList<>();
            for (Future<List<Sent>> f : load) {
                all.addAll(f.get());
            }
            side.get();
            // Late answers: Kakao callbacks and retried outbound calls; open streams catching up from the store (at
            // the latest on their next ping, every 15 s by default).
            sleep(Long.getLong("faults.settleMs", 16_000));
            streams.forEach(s -> s.stop = true);
            pool.shutdown();
            pool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
            List<FakePlatform.Call> calls = platform.drain();
            try (Jedis check = redis.client()) {
                Map<String, List<JsonNode>> transcripts = transcripts(check);
                report(name, "telegram", all, transcripts, telegramReplies(all, transcripts, calls));
                report(name, "line", all, transcripts, lineReplies(all, transcripts, calls));
                report(name, "kakao", all, transcripts, kakaoReplies(all, transcripts, calls, check));
                reportStreams(name, all, streams, check);
            }
        }
    }

    /** Every conversation's stored messages (JSON), by conversation id. */
    static Map<String, List<JsonNode>> transcripts(Jedis j) throws IOException {
        Map<String, List<JsonNode>> out = new TreeMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = j.scan(cursor, new ScanParams().match("ia:{*}:msgs").count(500));
            for (String key : page.getResult()) {
                List<JsonNode> msgs = new ArrayList<>();
                for (String m : j.lrange(key, 0, -1)) {
                    msgs.add(JsonCodec.MAPPER.readTree(m));
                }
                out.put(key.substring(key.indexOf('{') + 1, key.indexOf('}')), msgs);
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return out;
    }

    /** How often {@code text} is stored as a customer message, over all transcripts. */
    static long stored(Map<String, List<JsonNode>> transcripts, String text) {
        return transcripts.values().stream().flatMap(List::stream)
                .filter(m -> "user".equals(m.path("from").asText()) && text.equals(m.path("text").asText())).count();
    }

    /** The bot messages stored right after the customer message {@code text} (its answer), or -1 when not stored. */
    static int answerSize(Map<String, List<JsonNode>> transcripts, String text) {
        for (List<JsonNode> msgs : transcripts.values()) {
            for (int i = 0; i < msgs.size(); i++) {
                if ("user".equals(msgs.get(i).path("from").asText()) && text.equals(msgs.get(i).path("text").asText())) {
                    int n = 0;
                    for (int k = i + 1; k < msgs.size() && !"user".equals(msgs.get(k).path("from").asText()); k++) {
                        n++;
                    }
                    return n;
                }
            }
        }
        return -1;
    }

    /** Replies expected (from the transcript) and delivered (seen by the fake platform): [expected, delivered, extra]. */
    record Replies(int expected, int delivered, String note) {
        int lost() {
            return Math.max(0, expected - delivered);
        }

        int duplicated() {
            return Math.max(0, delivered - expected);
        }
    }

    static Replies telegramReplies(List<Sent> all, Map<String, List<JsonNode>> transcripts, List<FakePlatform.Call> calls) {
        int expected = 0;
        for (Sent s : all) {
            if (s.channel().equals("telegram")) {
                expected += Math.max(0, answerSize(transcripts, s.text()));
            }
        }
        int delivered = (int) calls.stream().filter(c -> c.path().endsWith("/sendMessage")).count();
        return new Replies(expected, delivered, "sendMessage calls vs bot messages stored after each update");
    }

    static Replies lineReplies(List<Sent> all, Map<String, List<JsonNode>> transcripts, List<FakePlatform.Call> calls) {
        int expected = 0;
        for (Sent s : all) {
            if (s.channel().equals("line") && answerSize(transcripts, s.text()) > 0) {
                expected++;
            }
        }
        long replies = calls.stream().filter(c -> c.path().equals("/v2/bot/message/reply")).count();
        long pushes = calls.stream().filter(c -> c.path().equals("/v2/bot/message/push")).count();
        return new Replies(expected, (int) (replies + pushes), "reply " + replies + " + push " + pushes + " calls vs stored turns");
    }

    static Replies kakaoReplies(List<Sent> all, Map<String, List<JsonNode>> transcripts, List<FakePlatform.Call> calls, Jedis j) {
        int expected = 0;
        int inResponse = 0;
        Map<String, Integer> kinds = new TreeMap<>();
        for (Sent s : all) {
            if (!s.channel().equals("kakao")) {
                continue;
            }
            kinds.merge(s.answer(), 1, Integer::sum);
            if (stored(transcripts, s.text()) > 0) {
                expected++;
            }
            if ("answer".equals(s.answer())) {
                inResponse++;
            }
        }
        int callbacks = (int) calls.stream().filter(c -> c.path().startsWith("/kakao/cb/")).count();
        long pending = 0;
        for (String key : j.keys("ia:queue:kakao-pending:*")) {
            pending += j.llen(key);
        }
        return new Replies(expected, inResponse + callbacks + (int) pending, "skill answers " + kinds + ", callbacks "
                + callbacks + ", waiting for the next message " + pending);
    }

    void report(String scenario, String channel, List<Sent> all, Map<String, List<JsonNode>> transcripts, Replies replies) {
        int tries = 0;
        int acknowledged = 0;
        int once = 0;
        int lost = 0;
        int duplicated = 0;
        int storedUnacknowledged = 0;
        Map<Integer, Integer> seen = new TreeMap<>();
        int messages = 0;
        for (Sent s : all) {
            if (!s.channel().equals(channel)) {
                continue;
            }
            messages++;
            tries += s.statuses().size();
            s.statuses().forEach(st -> seen.merge(st, 1, Integer::sum));
            long n = stored(transcripts, s.text());
            if (n == 1) {
                once++;
            }
            if (n > 1) {
                duplicated++;
            }
            if (s.acknowledged()) {
                acknowledged++;
                // Kakao's "taking longer" asks the user to send the question again when no answer comes: not a loss.
                if (n == 0 && !"later".equals(s.answer())) {
                    lost++;
                }
            } else if (n > 0) {
                storedUnacknowledged++;
            }
        }
        String line = String.format("%-14s %-8s messages=%d tries=%d acknowledged=%d stored-once=%d lost=%d duplicated=%d "
                        + "stored-but-not-acknowledged=%d statuses=%s replies: expected=%d delivered=%d lost=%d duplicated=%d (%s)",
                scenario, channel, messages, tries, acknowledged, once, lost, duplicated, storedUnacknowledged, statuses(seen),
                replies.expected(), replies.delivered(), replies.lost(), replies.duplicated(), replies.note());
        REPORT.add(line);
        System.out.println("FAULTS " + line);
    }

    void reportStreams(String scenario, List<Sent> all, List<Stream> streams, Jedis j) throws IOException {
        int committed = 0;
        int delivered = 0;
        int gaps = 0;
        int duplicates = 0;
        int reconnects = 0;
        Map<Integer, Integer> opens = new TreeMap<>();
        for (Stream s : streams) {
            // A message's id is its place in the list (1-based); the stored JSON does not carry it.
            List<Long> ids = new ArrayList<>();
            long length = j.llen("ia:{" + s.conversation.id() + "}:msgs");
            for (long id = 1; id <= length; id++) {
                ids.add(id);
            }
            committed += ids.size();
            for (long id : ids) {
                Integer n = s.received.get(id);
                if (n == null) {
                    gaps++;
                } else {
                    delivered++;
                    duplicates += n - 1;
                }
            }
            reconnects += s.reconnects.get();
            s.openStatuses.forEach((k, v) -> opens.merge(k, v, Integer::sum));
        }
        report(scenario, "sse-web", all.stream().filter(s -> s.channel().equals("sse")).map(s -> new Sent("sse-web", s.user(),
                s.text(), s.acknowledged(), s.statuses(), null)).toList(), transcripts(j), new Replies(0, 0, "web turns"));
        String line = String.format("%-14s %-8s streams=%d committed=%d delivered=%d gaps=%d duplicates=%d reconnects=%d "
                        + "stream-open-statuses=%s", scenario, "sse", streams.size(), committed, delivered, gaps, duplicates,
                reconnects, statuses(opens));
        REPORT.add(line);
        System.out.println("FAULTS " + line);
    }

    private static String statuses(Map<Integer, Integer> seen) {
        StringBuilder s = new StringBuilder();
        seen.forEach((k, v) -> s.append(s.isEmpty() ? "" : " ").append(k == 0 ? "timeout" : k).append('×').append(v));
        return s.toString();
    }

    @Test
    void redisPausedWithSigstop() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            scenario("redis-pause", redis, () -> {
                sleep(500);
                redis.signal("STOP");
                sleep((long) (OUTAGE_SECONDS * 1000));
                redis.signal("CONT");
            });
        }
    }

    @Test
    void redisKilledAndRestarted() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            scenario("redis-kill-9", redis, () -> {
                sleep(500);
                redis.signal("KILL");
                redis.process.waitFor();
                sleep((long) (OUTAGE_SECONDS * 1000));
                redis.start();
            });
        }
    }

    @Test
    void redisOutOfMemory() throws Exception {
        try (RedisProcess redis = new RedisProcess()) {
            scenario("redis-oom", redis, () -> {
                sleep(500);
                try (Jedis admin = redis.client()) {
                    admin.configSet("maxmemory-policy", "noeviction");
                    admin.configSet("maxmemory", "1");
                    sleep((long) (OUTAGE_SECONDS * 1000));
                    admin.configSet("maxmemory", "0");
                }
            });
        }
    }

    @AfterAll
    static void summary() {
        System.out.println("FAULTS ---- messenger and SSE summary");
        REPORT.forEach(l -> System.out.println("FAULTS " + l));
    }
}
