package kr.daejeon.battery.api;

import io.vertx.core.http.HttpServerRequest;
import java.util.Set;

/**
 * The address a request came from, for rate limits. Behind a reverse proxy every request comes
 * from the proxy, so {@code X-Forwarded-For} is read, but only when the direct peer is a trusted
 * proxy and only up to the first hop it does not vouch for: a client cannot forge its way past.
 */
public final class ClientAddress {

    private final Set<String> trustedProxies;

    public ClientAddress(Set<String> trustedProxies) {
        this.trustedProxies = Set.copyOf(trustedProxies);
    }

    public String of(HttpServerRequest request) {
        String peer = request.remoteAddress() == null ? "unknown" : request.remoteAddress().host();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].trim();
            if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
                return hop.length() > 64 ? hop.substring(0, 64) : hop;
            }
        }
        return peer;
    }
}
