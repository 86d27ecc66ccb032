package kr.daejeon.battery.config;

import static kr.daejeon.battery.config.ConfigKey.Group.ESSENTIAL;
import static kr.daejeon.battery.config.ConfigKey.Group.FREQUENT;
import static kr.daejeon.battery.config.ConfigKey.Group.RARE;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.config.ConfigKey.Group;
import kr.daejeon.battery.config.ConfigKey.Type;

/**
 * Every setting the service reads, in one place. Adding a key here makes it accepted in the file, the environment
 * and on the command line; {@link AppConfig} takes numbers' bounds from here, and
 * {@code docs/configuration.md} is generated from this list ({@link ConfigDoc}; a test fails when it is stale).
 */
public final class ConfigRegistry {

    private static final List<ConfigKey> KEYS = new ArrayList<>();

    static {
        // Essentials
        text("host", "0.0.0.0", ESSENTIAL, "Address the HTTP server listens on.");
        integer("port", "8080", 0, 65535, ESSENTIAL, "HTTP port (0 = any free port).");
        text("redis_url", "", ESSENTIAL, "One Redis (`redis://` or `rediss://`, password in the URL); empty = memory mode "
                + "(one node, nothing survives a restart). Not together with `redis_sentinels` or `redis_cluster_nodes`.");
        list("redis_sentinels", "", ESSENTIAL, "Redis Sentinel mode: the sentinels as `host:port,host:port`; the service "
                + "asks them for the master and follows failovers. Not together with `redis_url`.");
        list("redis_cluster_nodes", "", ESSENTIAL, "Redis Cluster mode: some of the cluster's nodes as `host:port,host:port` "
                + "(seeds; the service learns the rest and follows resharding and failovers). Not together with `redis_url` "
                + "or `redis_sentinels`. Needs Redis 7.");
        text("redis_sentinel_master", "", ESSENTIAL, "Sentinel mode: the master's name as the sentinels know it (e.g. `mymaster`).");
        path("staff_accounts_file", "", ESSENTIAL, "Staff accounts file (see docs/staff-console.md); empty = nobody can log in.");
        url("public_base_url", "", ESSENTIAL, "The address customers and staff use (links in e-mail and webhooks).");
        list("cors_origins", "", ESSENTIAL, "Web sites allowed to embed the widget, e.g. `https://www.example.kr`.");
        text("business_hours", "MON-FRI 09:00-18:00", ESSENTIAL, "When staff answer handoffs (days and hours, local time).");
        text("time_zone", "Asia/Seoul", ESSENTIAL, "Time zone of business hours, holidays and reports.");
        integer("retention_days", "90", 1, 3650, ESSENTIAL, "How long personal data is kept after its last change "
                + "(transcripts with staff, tickets, contacts, unanswered questions, dead letters).");
        secret("metrics_token", "", ESSENTIAL, "Bearer token for `/metrics` (at least 16 characters); empty = only from this machine.");

        // Frequent: Redis topology and safety
        text("redis_key_prefix", "ia", FREQUENT, "Prefix of every Redis key (several deployments may share one Redis).");
        text("redis_username", "", FREQUENT, "Sentinel and Cluster mode: ACL user name for the Redis servers (empty = default user).");
        secret("redis_password", "", FREQUENT, "Sentinel and Cluster mode: password for the Redis servers (with `redis_url` it goes in the URL).");
        choice("redis_tls", "false", FREQUENT, "Sentinel and Cluster mode: TLS to the Redis servers (`true`/`false`).");
        text("redis_sentinel_username", "", FREQUENT, "Sentinel mode: ACL user name for the sentinels themselves.");
        secret("redis_sentinel_password", "", FREQUENT, "Sentinel mode: password for the sentinels themselves.");
        choice("redis_sentinel_tls", "false", FREQUENT, "Sentinel mode: TLS to the sentinels (`true`/`false`).");
        text("redis_min_replicas_ack", "auto", FREQUENT, "Replicas that must confirm a stored turn before it is acknowledged "
                + "(Redis `WAIT`); `auto` = 1 with Sentinel, 0 otherwise; 0-16.");
        integer("redis_wait_timeout_ms", "500", 10, 60_000, FREQUENT, "How long a turn waits for its replicas; on timeout "
                + "it is answered 503 and a retry with the same idempotency key finds it. Below `redis_timeout_ms`.");
        // Frequent: channels
        secret("telegram_bot_token", "", FREQUENT, "Telegram bot token; Telegram is on with both Telegram secrets set.");
        secret("telegram_secret_token", "", FREQUENT, "Telegram webhook secret (16-256 of A-Z a-z 0-9 _ -).");
        secret("line_channel_secret", "", FREQUENT, "LINE channel secret; LINE is on with both LINE secrets set.");
        secret("line_channel_access_token", "", FREQUENT, "LINE channel access token.");
        secret("kakao_skill_secret", "", FREQUENT, "KakaoTalk skill secret (at least 16 characters); on with `kakao_bot_ids`.");
        list("kakao_bot_ids", "", FREQUENT, "KakaoTalk bot ids allowed to call the skill.");
        url("ticket_webhook_url", "", FREQUENT, "Called when a ticket opens or changes (e.g. a team chat); empty = off.");
        // Frequent: mail
        text("smtp_host", "", FREQUENT, "SMTP server for follow-up e-mail after hours; empty = no e-mail.");
        integer("smtp_port", "587", 1, 65535, FREQUENT, "SMTP port.");
        choice("smtp_tls", "starttls", FREQUENT, "SMTP transport security: `starttls`, `ssl` or `none`.");
        text("smtp_username", "", FREQUENT, "SMTP user (with `smtp_password`, or neither).");
        secret("smtp_password", "", FREQUENT, "SMTP password.");
        text("smtp_from", "", FREQUENT, "Sender address of follow-up e-mail (required with `smtp_host`).");
        // Frequent: limits and conversation
        integer("rate_limit_per_minute", "600", 1, 10_000_000, FREQUENT, "Requests per minute per client address.");
        integer("conversation_rate_limit_per_minute", "60", 1, 10_000_000, FREQUENT, "Turns per minute per conversation.");
        integer("session_ttl_minutes", "30", 1, 60 * 24 * 90, FREQUENT, "An idle conversation without staff is forgotten after this.");
        integer("misses_before_handoff", "3", 1, 100, FREQUENT, "Messages in a row the assistant could not answer (chit-chat and questions outside the program included) before staff are offered.");
        list("trusted_proxies", "", FREQUENT, "Proxies whose `X-Forwarded-For` is believed (IP addresses).");
        choice("log_format", "text", FREQUENT, "`text` or `json` (one object per line).");
        choice("public_holidays", "kr", FREQUENT, "`kr` (Korean public holidays shipped) or `none`.");
        text("holidays", "", FREQUENT, "Extra closed days (dates, comma-separated).");
        path("holidays_file", "", FREQUENT, "A file of extra holidays added to the shipped ones (needs `public_holidays=kr`).");

        // Rare
        integer("redis_pool_size", "12", 1, 1024, RARE, "Redis connections per node.");
        integer("redis_cached_states", "10000", 0, 1_000_000, RARE, "Recently active conversations whose state a node keeps "
                + "to skip reading it (Redis mode).");
        integer("redis_timeout_ms", "2000", 50, 60_000, RARE, "Timeout of every Redis call.");
        integer("outbox_reclaim_seconds", "120", 5, 3600, RARE, "With Redis: how long a delivery or webhook job may stay "
                + "unfinished on a node before another node takes it over (above the longest retries, about a minute).");
        integer("redis_probe_seconds", "2", 1, 60, RARE, "How often each node test-writes to Redis; `/ready` reports the last result.");
        integer("worker_pool_size", "8", 1, 512, RARE, "Threads for blocking work (Redis, classifier).");
        path("intents_dir", "intents", RARE, "Directory of intent training files.");
        path("faq_dir", "faq", RARE, "Directory of FAQ answers.");
        path("model_file", "", RARE, "A saved intent model to load instead of training at start.");
        choice("classifier_algorithm", "MAXENT_QN", RARE, "`MAXENT` or `MAXENT_QN`.");
        choice("classifier_features", "ngrams", RARE, "`ngrams` or `ngrams+nori`.");
        integer("classifier_iterations", "200", 10, 5000, RARE, "Training iterations.");
        decimal("classifier_l2", "0.05", 0, 100, RARE, "L2 regularisation of the classifier.");
        decimal("classifier_threshold", "0.35", 0, 1, RARE, "Below this confidence the classifier says it does not know.");
        decimal("clarify_threshold", "0.2", 0, 1, RARE, "Confidence from which a clarifying question is asked.");
        decimal("low_confidence_threshold", "0.5", 0, 1, RARE, "Answers below this confidence are kept for staff to learn from.");
        integer("max_message_chars", "2000", 1, 100_000, RARE, "Longest customer message.");
        integer("max_body_bytes", "65536", 1024, 10_000_000, RARE, "Largest request body (room for `max_message_chars` in UTF-8).");
        integer("memory_max_conversations", "100000", 100, 100_000_000, RARE, "Memory mode: most conversations kept.");
        integer("staff_session_hours", "8", 1, 24 * 30, RARE, "How long a staff login lasts.");
        integer("staff_login_rate_limit_per_minute", "10", 1, 10_000, RARE, "Login attempts per minute per address.");
        integer("expected_minutes_per_ticket", "5", 1, 600, RARE, "Used for the waiting-time estimate told to customers.");
        url("telegram_api_base", "https://api.telegram.org", RARE, "Telegram API address (tests point it elsewhere).");
        url("line_api_base", "https://api.line.me", RARE, "LINE API address.");
        text("kakao_secret_header", "X-Skill-Secret", RARE, "Header carrying the KakaoTalk skill secret.");
        integer("staff_login_delay_after_failures", "5", 1, 1000, RARE, "Wrong passwords for one account (from any "
                + "address) after which each further try waits 1 s, 2 s, 4 s … (at most 60 s).");
        integer("staff_login_lock_after_failures", "10", 1, 1000, RARE, "Wrong passwords for one account after which it "
                + "is locked for `staff_login_lock_minutes` (an admin can lift it); not below the delay's threshold.");
        integer("staff_login_lock_minutes", "15", 1, 24 * 60, RARE, "How long a locked staff account stays locked.");
        integer("staff_audit_retention_days", "365", 1, 3650, FREQUENT, "How long the staff-access audit log (who "
                + "viewed, exported or erased what) is kept.");
        list("kakao_callback_hosts", "bot-api.kakao.com", RARE, "The only hosts a KakaoTalk `callbackUrl` may name "
                + "(https; plain http only for a loopback host listed here, for tests).");
        integer("kakao_answer_budget_ms", "3500", 500, 4500, RARE, "A KakaoTalk skill request not answered by then gets "
                + "\"taking longer\" (or `useCallback`, and the answer follows by callback): Kakao gives up after 5 s.");
        integer("shutdown_grace_seconds", "20", 0, 600, RARE, "How long shutdown waits for requests in flight.");
        integer("event_loop_warn_ms", "2000", 10, 60_000, RARE, "Warn when an event-loop task runs longer than this.");
        integer("content_watch_seconds", "0", 0, 3600, RARE, "How often to look for edits of intents/ and retrain; 0 = never.");
        text("smtp_retry_seconds", "30,120,600", RARE, "Waits between e-mail retries, in seconds (each 1-86400).");
        integer("http_idle_timeout_seconds", "30", 2, 3600, RARE, "A connection with no traffic this long is closed.");
        integer("request_read_timeout_seconds", "10", 1, 600, RARE, "A request's headers and body must each arrive within "
                + "this (below `http_idle_timeout_seconds`).");
        integer("max_connections_per_client", "64", 1, 100_000, RARE, "Open connections per client address.");
        integer("max_streams_per_client", "8", 1, 100_000, RARE, "Live event streams per client address.");
        integer("max_streams_per_conversation", "3", 1, 1000, RARE, "Live event streams per conversation.");
    }

    private ConfigRegistry() {
    }

    /** Every key, in documentation order. */
    public static List<ConfigKey> keys() {
        return Collections.unmodifiableList(KEYS);
    }

    public static ConfigKey get(String name) {
        for (ConfigKey k : KEYS) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("no such setting in ConfigRegistry: " + name);
    }

    /** Every key with its default. */
    public static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        for (ConfigKey k : KEYS) {
            d.put(k.name(), k.defaultValue());
        }
        return Collections.unmodifiableMap(d);
    }

    private static void add(String name, String def, Type type, double min, double max, Group group, String description) {
        KEYS.add(new ConfigKey(name, def, type, min, max, group, description));
    }

    private static void text(String name, String def, Group g, String d) { add(name, def, Type.TEXT, 0, 0, g, d); }
    private static void secret(String name, String def, Group g, String d) { add(name, def, Type.SECRET, 0, 0, g, d); }
    private static void list(String name, String def, Group g, String d) { add(name, def, Type.LIST, 0, 0, g, d); }
    private static void url(String name, String def, Group g, String d) { add(name, def, Type.URL, 0, 0, g, d); }
    private static void path(String name, String def, Group g, String d) { add(name, def, Type.PATH, 0, 0, g, d); }
    private static void choice(String name, String def, Group g, String d) { add(name, def, Type.CHOICE, 0, 0, g, d); }

    private static void integer(String name, String def, long min, long max, Group g, String d) {
        add(name, def, Type.INTEGER, min, max, g, d);
    }

    private static void decimal(String name, String def, double min, double max, Group g, String d) {
        add(name, def, Type.DECIMAL, min, max, g, d);
    }
}
