package kr.daejeon.battery.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import kr.daejeon.battery.escalation.BusinessHours;
import kr.daejeon.battery.escalation.HolidayCalendar;
import kr.daejeon.battery.nlu.ClassifierSettings;

/**
 * The one configuration object, loaded once at start: defaults, then an optional YAML file
 * ({@code --config FILE} or {@code CONFIG_FILE}), then environment variables. Every key has the
 * same name in both places: {@code session_ttl_minutes} in the file is {@code SESSION_TTL_MINUTES}
 * in the environment. All problems are reported together before anything starts.
 */
public final class AppConfig {

    /** Every setting with its default, from {@link ConfigRegistry} (which docs/configuration.md is generated from). */
    public static final Map<String, String> DEFAULTS = ConfigRegistry.defaults();

    private final Map<String, String> values;
    private final List<String> problems = new ArrayList<>();

    private final String host;
    private final int port;
    private final String redisUrl;
    private final Path intentsDir;
    private final Path faqDir;
    private final Path modelFile;
    private final ClassifierSettings classifierSettings;
    private final double clarifyThreshold;
    private final Duration sessionTtl;
    private final int maxMessageChars;
    private final int maxBodyBytes;
    private final int missesBeforeHandoff;
    private final ZoneId timeZone;
    private final int rateLimitPerMinute;
    private final int conversationRateLimitPerMinute;
    private final int memoryMaxConversations;
    private final int workerPoolSize;
    private final int redisPoolSize;
    private final int redisCachedStates;
    private final Duration redisTimeout;
    private final String redisKeyPrefix;
    private final Path staffAccountsFile;
    private final Duration staffSessionLifetime;
    private final int staffLoginRateLimitPerMinute;
    private final kr.daejeon.battery.staff.LoginLockout.Policy staffLoginLockout;
    private final BusinessHours businessHours;
    private final HolidayCalendar holidayCalendar;
    private final String ticketWebhookUrl;
    private final kr.daejeon.battery.escalation.MailSettings mail;
    private final String publicBaseUrl;
    private final int expectedMinutesPerTicket;
    private final java.util.Set<String> corsOrigins;
    private final String telegramBotToken;
    private final String telegramSecretToken;
    private final String telegramApiBase;
    private final String lineChannelSecret;
    private final String lineAccessToken;
    private final String lineApiBase;
    private final String kakaoSkillSecret;
    private final String kakaoSecretHeader;
    private final java.util.Set<String> kakaoBotIds;
    private final java.util.Set<String> kakaoCallbackHosts;
    private final Duration kakaoAnswerBudget;
    private final java.util.Set<String> trustedProxies;
    private final String metricsToken;
    private final String logFormat;
    private final Duration shutdownGrace;
    private final Duration eventLoopWarn;
    private final double lowConfidence;
    private final int contentWatchSeconds;
    private final Duration httpIdleTimeout;
    private final Duration retention;
    private final Duration staffAuditRetention;
    private final Duration outboxReclaim;
    private final Duration requestReadTimeout;
    private final int maxConnectionsPerClient;
    private final int maxStreamsPerClient;
    private final int maxStreamsPerConversation;
    private final RedisSettings redis;

    private AppConfig(Map<String, String> values) {
        this.values = values;
        host = text("host");
        port = integer("port");
        String url = text("redis_url");
        redisUrl = url.isBlank() ? null : url;
        if (redisUrl != null) {
            try {
                URI uri = URI.create(redisUrl);
                if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme())) {
                    problems.add("REDIS_URL must start with redis:// or rediss:// (got '" + redisUrl + "')");
                }
            } catch (IllegalArgumentException e) {
                problems.add("REDIS_URL is not a valid URL: " + e.getMessage());
            }
        }
        intentsDir = directory("intents_dir");
        faqDir = directory("faq_dir");
        String model = text("model_file");
        modelFile = model.isBlank() ? null : Path.of(model);
        String algorithm = text("classifier_algorithm").toUpperCase(Locale.ROOT);
        if (!algorithm.equals("MAXENT") && !algorithm.equals("MAXENT_QN")) {
            problems.add("CLASSIFIER_ALGORITHM must be MAXENT or MAXENT_QN (got '" + algorithm + "')");
        }
        String features = text("classifier_features").toLowerCase(Locale.ROOT);
        if (!features.equals(ClassifierSettings.NGRAMS) && !features.equals(ClassifierSettings.NGRAMS_NORI)) {
            problems.add("CLASSIFIER_FEATURES must be ngrams or ngrams+nori (got '" + features + "')");
        }
        classifierSettings = new ClassifierSettings(algorithm, integer("classifier_iterations"), 1,
                decimal("classifier_l2"), decimal("classifier_threshold"), features);
        clarifyThreshold = decimal("clarify_threshold");
        sessionTtl = Duration.ofMinutes(integer("session_ttl_minutes"));
        maxMessageChars = integer("max_message_chars");
        maxBodyBytes = integer("max_body_bytes");
        missesBeforeHandoff = integer("misses_before_handoff");
        rateLimitPerMinute = integer("rate_limit_per_minute");
        conversationRateLimitPerMinute = integer("conversation_rate_limit_per_minute");
        memoryMaxConversations = integer("memory_max_conversations");
        workerPoolSize = integer("worker_pool_size");
        redisPoolSize = integer("redis_pool_size");
        redisCachedStates = integer("redis_cached_states");
        redisTimeout = Duration.ofMillis(integer("redis_timeout_ms"));
        redisKeyPrefix = text("redis_key_prefix");
        String staffFile = text("staff_accounts_file");
        staffAccountsFile = staffFile.isBlank() ? null : Path.of(staffFile);
        if (staffAccountsFile != null && !Files.isRegularFile(staffAccountsFile)) {
            problems.add("STAFF_ACCOUNTS_FILE: file not found: " + staffAccountsFile.toAbsolutePath());
        }
        staffSessionLifetime = Duration.ofHours(integer("staff_session_hours"));
        staffLoginRateLimitPerMinute = integer("staff_login_rate_limit_per_minute");
        int delayAfter = integer("staff_login_delay_after_failures");
        int lockAfter = integer("staff_login_lock_after_failures");
        if (lockAfter < delayAfter) {
            problems.add("STAFF_LOGIN_LOCK_AFTER_FAILURES must not be below STAFF_LOGIN_DELAY_AFTER_FAILURES");
            lockAfter = delayAfter;
        }
        staffLoginLockout = new kr.daejeon.battery.staff.LoginLockout.Policy(delayAfter, lockAfter, Duration.ofSeconds(60),
                Duration.ofMinutes(integer("staff_login_lock_minutes")));
        ZoneId zone = ZoneId.of("Asia/Seoul");
        try {
            zone = ZoneId.of(text("time_zone"));
        } catch (DateTimeException e) {
            problems.add("TIME_ZONE is not a known time zone: '" + text("time_zone") + "'");
        }
        timeZone = zone;
        HolidayCalendar calendar = HolidayCalendar.empty();
        String publicHolidays = text("public_holidays").trim().toLowerCase(Locale.ROOT);
        String holidaysFile = text("holidays_file").trim();
        if (!publicHolidays.equals("kr") && !publicHolidays.equals("none")) {
            problems.add("PUBLIC_HOLIDAYS must be kr or none (got '" + publicHolidays + "')");
        } else if (publicHolidays.equals("kr")) {
            try {
                calendar = HolidayCalendar.korea(holidaysFile.isEmpty() ? null : Path.of(holidaysFile));
            } catch (IllegalArgumentException e) {
                problems.add("HOLIDAYS_FILE: " + e.getMessage());
            }
        } else if (!holidaysFile.isEmpty()) {
            problems.add("HOLIDAYS_FILE needs PUBLIC_HOLIDAYS=kr (it adds to the shipped holidays)");
        }
        holidayCalendar = calendar;
        BusinessHours hours = null;
        try {
            hours = BusinessHours.parse(text("business_hours"), text("holidays"), calendar, zone);
        } catch (IllegalArgumentException e) {
            problems.add("BUSINESS_HOURS / HOLIDAYS: " + e.getMessage());
        }
        businessHours = hours;
        ticketWebhookUrl = optionalUrl("ticket_webhook_url");
        expectedMinutesPerTicket = integer("expected_minutes_per_ticket");
        corsOrigins = list("cors_origins", "https?://[^/\\s]+", "origins like https://www.example.kr");
        telegramBotToken = text("telegram_bot_token").trim();
        telegramSecretToken = text("telegram_secret_token").trim();
        telegramApiBase = optionalUrl("telegram_api_base");
        if (telegramBotToken.isEmpty() != telegramSecretToken.isEmpty()) {
            problems.add("Telegram needs both TELEGRAM_BOT_TOKEN and TELEGRAM_SECRET_TOKEN (or neither)");
        }
        lineChannelSecret = text("line_channel_secret").trim();
        lineAccessToken = text("line_channel_access_token").trim();
        lineApiBase = optionalUrl("line_api_base");
        if (lineChannelSecret.isEmpty() != lineAccessToken.isEmpty()) {
            problems.add("LINE needs both LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN (or neither)");
        }
        kakaoSkillSecret = text("kakao_skill_secret").trim();
        kakaoSecretHeader = text("kakao_secret_header").trim();
        kakaoBotIds = list("kakao_bot_ids", ".+", "bot ids");
        // Host names only (no scheme, port or path): a callbackUrl is called only on these hosts, over https.
        kakaoCallbackHosts = list("kakao_callback_hosts", "[A-Za-z0-9.-]+|\\[[0-9a-fA-F:]+\\]", "host names like bot-api.kakao.com")
                .stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
        // Kakao gives up on a skill after 5 s: what is not answered by then is answered "taking longer".
        kakaoAnswerBudget = Duration.ofMillis(integer("kakao_answer_budget_ms"));
        trustedProxies = list("trusted_proxies", "[0-9a-fA-F:.]+", "IP addresses");
        metricsToken = text("metrics_token").trim();
        if (!metricsToken.isEmpty() && metricsToken.length() < 16) {
            problems.add("METRICS_TOKEN must be at least 16 characters (or empty: /metrics only from this machine)");
        }
        logFormat = text("log_format").trim().toLowerCase(Locale.ROOT);
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            problems.add("LOG_FORMAT must be text or json (got '" + logFormat + "')");
        }
        shutdownGrace = Duration.ofSeconds(integer("shutdown_grace_seconds"));
        eventLoopWarn = Duration.ofMillis(integer("event_loop_warn_ms"));
        lowConfidence = decimal("low_confidence_threshold");
        contentWatchSeconds = integer("content_watch_seconds");
        httpIdleTimeout = Duration.ofSeconds(integer("http_idle_timeout_seconds"));
        retention = Duration.ofDays(integer("retention_days"));
        staffAuditRetention = Duration.ofDays(integer("staff_audit_retention_days"));
        outboxReclaim = Duration.ofSeconds(integer("outbox_reclaim_seconds"));
        requestReadTimeout = Duration.ofSeconds(integer("request_read_timeout_seconds"));
        maxConnectionsPerClient = integer("max_connections_per_client");
        maxStreamsPerClient = integer("max_streams_per_client");
        maxStreamsPerConversation = integer("max_streams_per_conversation");
        if (requestReadTimeout.compareTo(httpIdleTimeout) >= 0) {
            // Otherwise the idle close wins the race, and a client whose body never arrives gets no 408 at all.
            problems.add("REQUEST_READ_TIMEOUT_SECONDS (" + requestReadTimeout.toSeconds() + ") must be shorter than HTTP_IDLE_TIMEOUT_SECONDS ("
                    + httpIdleTimeout.toSeconds() + ")");
        }
        if (maxStreamsPerClient > maxConnectionsPerClient) {
            problems.add("MAX_STREAMS_PER_CLIENT (" + maxStreamsPerClient + ") cannot exceed MAX_CONNECTIONS_PER_CLIENT ("
                    + maxConnectionsPerClient + "): every live stream holds a connection");
        }
        if (maxStreamsPerConversation > maxStreamsPerClient) {
            problems.add("MAX_STREAMS_PER_CONVERSATION (" + maxStreamsPerConversation + ") cannot exceed MAX_STREAMS_PER_CLIENT ("
                    + maxStreamsPerClient + ")");
        }
        if (kakaoSkillSecret.isEmpty() != kakaoBotIds.isEmpty()) {
            problems.add("KakaoTalk needs both KAKAO_SKILL_SECRET and KAKAO_BOT_IDS (or neither)");
        }
        if (!kakaoSkillSecret.isEmpty() && kakaoSkillSecret.length() < 16) {
            problems.add("KAKAO_SKILL_SECRET must be at least 16 characters");
        }
        if (!telegramSecretToken.isEmpty() && !telegramSecretToken.matches("[A-Za-z0-9_-]{16,256}")) {
            problems.add("TELEGRAM_SECRET_TOKEN must be 16-256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)");
        }
        mail = mailSettings();
        redis = redisSettings();
        String base = optionalUrl("public_base_url");
        publicBaseUrl = base == null ? null : base.replaceAll("/+$", "");
        if (maxMessageChars * 4L + 1024 > maxBodyBytes) {
            problems.add("MAX_BODY_BYTES (" + maxBodyBytes + ") must leave room for MAX_MESSAGE_CHARS (" + maxMessageChars
                    + ") of UTF-8 text: at least " + (maxMessageChars * 4L + 1024));
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    /** Loads from command-line options ({@code --config FILE}, {@code --port N}), the file and the environment. */
    public static AppConfig load(List<String> args, Map<String, String> env) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        String file = env.get("CONFIG_FILE");
        Map<String, String> cli = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--config") && i + 1 < args.size()) {
                file = args.get(++i);
            } else if (a.startsWith("--") && i + 1 < args.size()) {
                cli.put(a.substring(2).replace('-', '_'), args.get(++i));
            } else {
                throw new ConfigException(List.of("unknown argument '" + a + "' (options: --config FILE, --port N, ...)"));
            }
        }
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file)));
        }
        for (String key : DEFAULTS.keySet()) {
            String fromEnv = env.get(key.toUpperCase(Locale.ROOT));
            if (fromEnv != null) {
                values.put(key, fromEnv.trim());
            }
        }
        List<String> unknown = new ArrayList<>();
        cli.forEach((k, v) -> {
            if (DEFAULTS.containsKey(k)) {
                values.put(k, v);
            } else {
                unknown.add("unknown option --" + k.replace('_', '-'));
            }
        });
        if (!unknown.isEmpty()) {
            throw new ConfigException(unknown);
        }
        return new AppConfig(values);
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(List.of("config file not found: " + file.toAbsolutePath()));
        }
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            throw new ConfigException(List.of("config file " + file + " is not valid YAML: " + e.getMessage()));
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        if (!root.isObject()) {
            throw new ConfigException(List.of("config file " + file + " must be a mapping of key: value"));
        }
        List<String> problems = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey().toLowerCase(Locale.ROOT);
            if (!DEFAULTS.containsKey(key)) {
                problems.add(file + ": unknown key '" + e.getKey() + "'");
            } else if (e.getValue().isContainerNode()) {
                problems.add(file + ": '" + e.getKey() + "' must be a single value");
            } else {
                out.put(key, e.getValue().isNull() ? "" : e.getValue().asText());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return out;
    }

    /** A comma-separated setting; every entry must match {@code pattern} (trailing slashes dropped). */
    private java.util.Set<String> list(String key, String pattern, String what) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (String raw : text(key).split(",")) {
            String entry = raw.trim().replaceAll("/+$", "");
            if (entry.isEmpty()) {
                continue;
            }
            if (!entry.matches(pattern)) {
                problems.add(key.toUpperCase(Locale.ROOT) + " entries must be " + what + " (got '" + entry + "')");
            }
            out.add(entry);
        }
        return java.util.Set.copyOf(out);
    }

    /**
     * One Redis ({@code redis_url}) or Sentinel ({@code redis_sentinels} + {@code redis_sentinel_master}), and how many
     * replicas confirm a stored turn. Checked here so a half-configured Sentinel never starts.
     */
    private RedisSettings redisSettings() {
        List<String> sentinels = hostPorts("redis_sentinels");
        List<String> clusterNodes = hostPorts("redis_cluster_nodes");
        String master = text("redis_sentinel_master").trim();
        if (!sentinels.isEmpty() && redisUrl != null) {
            problems.add("Set REDIS_URL (one Redis) or REDIS_SENTINELS (Sentinel), not both");
        }
        if (!clusterNodes.isEmpty() && (redisUrl != null || !sentinels.isEmpty())) {
            problems.add("REDIS_CLUSTER_NODES (Cluster) goes alone, without REDIS_URL or REDIS_SENTINELS");
        }
        if (sentinels.isEmpty() != master.isEmpty()) {
            problems.add("Sentinel needs both REDIS_SENTINELS and REDIS_SENTINEL_MASTER (or neither)");
        }
        if (sentinels.isEmpty()) {
            List<String> sentinelOnly = clusterNodes.isEmpty()
                    ? List.of("redis_username", "redis_password", "redis_sentinel_username", "redis_sentinel_password")
                    : List.of("redis_sentinel_username", "redis_sentinel_password");
            for (String key : sentinelOnly) {
                if (!text(key).isBlank()) {
                    problems.add(key.toUpperCase(Locale.ROOT) + " is for Sentinel mode (with REDIS_URL the credentials go in the URL)");
                }
            }
        }
        boolean tls = bool("redis_tls");
        boolean sentinelTls = bool("redis_sentinel_tls");
        String ack = text("redis_min_replicas_ack").trim().toLowerCase(Locale.ROOT);
        int replicas = 0;
        if (ack.equals("auto")) {
            replicas = sentinels.isEmpty() ? 0 : 1;
        } else {
            try {
                replicas = Integer.parseInt(ack);
                if (replicas < 0 || replicas > 16) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add("REDIS_MIN_REPLICAS_ACK must be auto or 0-16 (got '" + ack + "')");
                replicas = 0;
            }
        }
        int waitMs = integer("redis_wait_timeout_ms");
        if (replicas > 0 && waitMs >= redisTimeout.toMillis()) {
            // WAIT blocks the connection; a read timeout shorter than the wait would report every slow wait as Redis down.
            problems.add("REDIS_WAIT_TIMEOUT_MS (" + waitMs + ") must be shorter than REDIS_TIMEOUT_MS (" + redisTimeout.toMillis() + ")");
        }
        int probe = integer("redis_probe_seconds");
        if (redisUrl == null && sentinels.isEmpty() && clusterNodes.isEmpty()) {
            return null;
        }
        return new RedisSettings(redisUrl, sentinels, master.isEmpty() ? null : master, blankToNull(text("redis_username")),
                blankToNull(text("redis_password")), tls, blankToNull(text("redis_sentinel_username")),
                blankToNull(text("redis_sentinel_password")), sentinelTls, redisKeyPrefix, redisPoolSize, redisTimeout, replicas,
                Duration.ofMillis(waitMs), Duration.ofSeconds(probe), clusterNodes);
    }

    /** A {@code host:port,host:port} setting, each entry checked. */
    private List<String> hostPorts(String key) {
        List<String> out = new ArrayList<>();
        for (String raw : text(key).split(",")) {
            String s = raw.trim();
            if (s.isEmpty()) {
                continue;
            }
            int colon = s.lastIndexOf(':');
            boolean valid = colon > 0 && s.substring(colon + 1).matches("[0-9]{1,5}")
                    && Integer.parseInt(s.substring(colon + 1)) >= 1 && Integer.parseInt(s.substring(colon + 1)) <= 65535
                    && s.substring(0, colon).matches("[A-Za-z0-9.\\-]+|\\[[0-9a-fA-F:]+\\]");
            if (!valid) {
                problems.add(key.toUpperCase(Locale.ROOT) + " entries must be host:port (got '" + s + "')");
            }
            out.add(s);
        }
        return out;
    }

    private boolean bool(String key) {
        String v = text(key).trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            problems.add(key.toUpperCase(Locale.ROOT) + " must be true or false (got '" + v + "')");
        }
        return v.equals("true");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Follow-up e-mail to customers who left an address after hours; off (null) without smtp_host. */
    private kr.daejeon.battery.escalation.MailSettings mailSettings() {
        String host = text("smtp_host").trim();
        int port = integer("smtp_port");
        String tls = text("smtp_tls").trim().toLowerCase(Locale.ROOT);
        if (!List.of("starttls", "ssl", "none").contains(tls)) {
            problems.add("SMTP_TLS must be starttls, ssl or none (got '" + tls + "')");
        }
        List<java.time.Duration> retries = new ArrayList<>();
        for (String part : text("smtp_retry_seconds").split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                int seconds = Integer.parseInt(part.trim());
                if (seconds < 1 || seconds > 86_400) {
                    throw new NumberFormatException();
                }
                retries.add(java.time.Duration.ofSeconds(seconds));
            } catch (NumberFormatException e) {
                problems.add("SMTP_RETRY_SECONDS must be a comma-separated list of seconds, 1-86400 (got '" + part.trim() + "')");
            }
        }
        if (host.isEmpty()) {
            return null;
        }
        String from = text("smtp_from").trim();
        if (!kr.daejeon.battery.escalation.ContactDetails.isEmail(from)) {
            problems.add("SMTP_FROM must be an e-mail address when SMTP_HOST is set (got '" + from + "')");
        }
        String user = text("smtp_username").trim();
        String password = text("smtp_password");
        if (user.isEmpty() != password.isEmpty()) {
            problems.add("SMTP needs both SMTP_USERNAME and SMTP_PASSWORD (or neither)");
        }
        return new kr.daejeon.battery.escalation.MailSettings(host, port, tls, user.isEmpty() ? null : user,
                password.isEmpty() ? null : password, from, List.copyOf(retries));
    }

    private String text(String key) {
        return values.getOrDefault(key, "");
    }

    /** A whole number within the bounds {@link ConfigRegistry} gives it. */
    private int integer(String key) {
        ConfigKey k = ConfigRegistry.get(key);
        int min = (int) k.min();
        int max = (int) k.max();
        String raw = text(key);
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                problems.add(key.toUpperCase(Locale.ROOT) + " must be between " + min + " and " + max + " (got " + v + ")");
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(key.toUpperCase(Locale.ROOT) + " must be a whole number (got '" + raw + "')");
            return min;
        }
    }

    /** A number within the bounds {@link ConfigRegistry} gives it. */
    private double decimal(String key) {
        ConfigKey k = ConfigRegistry.get(key);
        double min = k.min();
        double max = k.max();
        String raw = text(key);
        try {
            double v = Double.parseDouble(raw.trim());
            if (!(v >= min && v <= max)) {
                problems.add(key.toUpperCase(Locale.ROOT) + " must be between " + min + " and " + max + " (got " + raw + ")");
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(key.toUpperCase(Locale.ROOT) + " must be a number (got '" + raw + "')");
            return min;
        }
    }

    private String optionalUrl(String key) {
        String raw = text(key).trim();
        if (raw.isEmpty()) {
            return null;
        }
        if (!raw.startsWith("https://") && !raw.startsWith("http://")) {
            problems.add(key.toUpperCase(Locale.ROOT) + " must be an http(s) URL (got '" + raw + "')");
            return null;
        }
        return raw;
    }

    private Path directory(String key) {
        Path p = Path.of(text(key));
        if (!Files.isDirectory(p)) {
            problems.add(key.toUpperCase(Locale.ROOT) + ": directory not found: " + p.toAbsolutePath()
                    + " (run from the repository root or set " + key.toUpperCase(Locale.ROOT) + ")");
        }
        return p;
    }

    public String host() { return host; }
    public int port() { return port; }
    public String redisUrl() { return redisUrl; }
    /** Redis (one server or Sentinel), or null in memory mode. */
    public RedisSettings redis() { return redis; }
    public boolean usesRedis() { return redis != null; }
    public Path intentsDir() { return intentsDir; }
    public Path faqDir() { return faqDir; }
    public Path modelFile() { return modelFile; }
    public ClassifierSettings classifierSettings() { return classifierSettings; }
    public double clarifyThreshold() { return clarifyThreshold; }
    public Duration sessionTtl() { return sessionTtl; }
    public int maxMessageChars() { return maxMessageChars; }
    public int maxBodyBytes() { return maxBodyBytes; }
    public int missesBeforeHandoff() { return missesBeforeHandoff; }
    public ZoneId timeZone() { return timeZone; }
    public int rateLimitPerMinute() { return rateLimitPerMinute; }
    public int conversationRateLimitPerMinute() { return conversationRateLimitPerMinute; }
    public int memoryMaxConversations() { return memoryMaxConversations; }
    public int workerPoolSize() { return workerPoolSize; }
    public int redisPoolSize() { return redisPoolSize; }
    /** How many recently active conversations' states a node keeps to skip reading them (Redis mode). */
    public int redisCachedStates() { return redisCachedStates; }
    public Duration redisTimeout() { return redisTimeout; }
    public String redisKeyPrefix() { return redisKeyPrefix; }
    public Path staffAccountsFile() { return staffAccountsFile; }
    public Duration staffSessionLifetime() { return staffSessionLifetime; }
    public int staffLoginRateLimitPerMinute() { return staffLoginRateLimitPerMinute; }
    public kr.daejeon.battery.staff.LoginLockout.Policy staffLoginLockout() { return staffLoginLockout; }
    public BusinessHours businessHours() { return businessHours; }
    public HolidayCalendar holidayCalendar() { return holidayCalendar; }
    public String ticketWebhookUrl() { return ticketWebhookUrl; }
    /** SMTP for follow-up e-mail; null when {@code smtp_host} is not set (no e-mail is sent). */
    public kr.daejeon.battery.escalation.MailSettings mail() { return mail; }
    public String publicBaseUrl() { return publicBaseUrl; }
    public int expectedMinutesPerTicket() { return expectedMinutesPerTicket; }
    public java.util.Set<String> corsOrigins() { return corsOrigins; }
    /** Telegram is enabled only when both secrets are configured. */
    public boolean telegramEnabled() { return !telegramBotToken.isEmpty(); }
    public String telegramBotToken() { return telegramBotToken; }
    public String telegramSecretToken() { return telegramSecretToken; }
    public String telegramApiBase() { return telegramApiBase; }
    /** LINE is enabled only when its secret and access token are configured. */
    public boolean lineEnabled() { return !lineChannelSecret.isEmpty(); }
    public String lineChannelSecret() { return lineChannelSecret; }
    public String lineAccessToken() { return lineAccessToken; }
    public String lineApiBase() { return lineApiBase; }
    /** KakaoTalk is enabled only when the skill secret and the allowed bot ids are configured. */
    public boolean kakaoEnabled() { return !kakaoSkillSecret.isEmpty(); }
    public String kakaoSkillSecret() { return kakaoSkillSecret; }
    public String kakaoSecretHeader() { return kakaoSecretHeader; }
    public java.util.Set<String> kakaoBotIds() { return kakaoBotIds; }
    /** The hosts a skill request's {@code callbackUrl} may name (https only; see KakaoCallbackHosts). */
    public java.util.Set<String> kakaoCallbackHosts() { return kakaoCallbackHosts; }
    /** How long a skill request may take before it is answered "taking longer" (the answer then follows by callback). */
    public Duration kakaoAnswerBudget() { return kakaoAnswerBudget; }
    /** Proxies whose {@code X-Forwarded-For} is believed when finding the client's address. */
    public java.util.Set<String> trustedProxies() { return trustedProxies; }
    /** Bearer token for {@code /metrics}; empty: only direct requests from this machine. */
    public String metricsToken() { return metricsToken; }
    /** {@code text} or {@code json} (one JSON object per line). */
    public String logFormat() { return logFormat; }
    /** How long shutdown waits for turns in flight. */
    public Duration shutdownGrace() { return shutdownGrace; }
    /** Vert.x logs a blocked-thread warning when an event-loop task runs longer than this. */
    public Duration eventLoopWarn() { return eventLoopWarn; }
    /** Answers given with less confidence than this are recorded for staff to learn from. */
    public double lowConfidence() { return lowConfidence; }
    /** How often to look for plain edits of intents/ and retrain; 0 = never. */
    public int contentWatchSeconds() { return contentWatchSeconds; }
    /** A connection with no traffic this long is closed; live streams ping at most half as far apart. */
    public Duration httpIdleTimeout() { return httpIdleTimeout; }
    /** A request's headers (after connecting or the previous answer) and its body must each arrive within this. */
    public Duration requestReadTimeout() { return requestReadTimeout; }
    public int maxConnectionsPerClient() { return maxConnectionsPerClient; }
    /**
     * How long personal data is kept after its last change: transcripts of conversations with staff, tickets with
     * their notes and contact details, unanswered questions, dead letters, queued messenger replies.
     */
    public Duration retention() { return retention; }
    public Duration staffAuditRetention() { return staffAuditRetention; }
    public Duration outboxReclaim() { return outboxReclaim; }
    public int maxStreamsPerClient() { return maxStreamsPerClient; }
    public int maxStreamsPerConversation() { return maxStreamsPerConversation; }
    /** How often live streams send a ping: often enough that the idle timeout never ends one. */
    public Duration ssePing() {
        return Duration.ofMillis(Math.min(15_000, httpIdleTimeout.toMillis() / 2));
    }
}
