package kr.daejeon.battery.channel.kakao;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@code callbackUrl}s of a skill request are called. The skill secret proves a request came
 * through our Kakao bot, but the URL is whatever the body says: anyone holding the secret (or a leaked
 * log) could have staff replies and answers posted to an internal address. So a callback goes out only
 * to an allow-listed host ({@code KAKAO_CALLBACK_HOSTS}, by default Kakao's {@code bot-api.kakao.com})
 * over https, with no user-info part; plain http only to a loopback host that is listed explicitly (a
 * local fake platform in tests). Refused URLs are logged with their host only: the path is a one-time
 * token.
 */
public final class KakaoCallbackHosts {

    private static final Logger LOG = LoggerFactory.getLogger(KakaoCallbackHosts.class);
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private final Set<String> hosts;

    public KakaoCallbackHosts(Set<String> hosts) {
        this.hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** True when {@code url} may be called; a refusal is logged (masked). */
    public boolean allows(String url) {
        String why = refusal(url);
        if (why != null) {
            LOG.warn("kakao callbackUrl refused ({}): {}", why, masked(url));
            return false;
        }
        return true;
    }

    /** Why {@code url} is refused, or null when it is allowed. */
    String refusal(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException | NullPointerException e) {
            return "not a URL";
        }
        String host = uri.getHost();
        if (host == null || uri.getRawUserInfo() != null) {
            return "no plain host";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (!hosts.contains(host)) {
            return "host not in KAKAO_CALLBACK_HOSTS";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https") || scheme.equals("http") && LOOPBACK.contains(host)) {
            return null;
        }
        return "https only";
    }

    /** The URL as it may be logged: scheme and host, never the path (a one-time token) or query. */
    static String masked(String url) {
        try {
            URI uri = new URI(url);
            String host = uri.getHost() == null ? "?" : uri.getHost().replaceAll("[^A-Za-z0-9.:\\[\\]-]", "_");
            return (uri.getScheme() == null ? "" : uri.getScheme().replaceAll("[^A-Za-z0-9+.-]", "_") + "://") + host + "/…";
        } catch (URISyntaxException | NullPointerException e) {
            return "(unparseable, " + (url == null ? 0 : url.length()) + " characters)";
        }
    }
}
