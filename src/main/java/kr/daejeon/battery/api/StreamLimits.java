package kr.daejeon.battery.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps on live event streams held open at once, per client address and per conversation, in this process (each
 * node counts its own: a balancer spreads a hoarder's streams, and each node protects its own memory). A stream
 * beyond a cap is refused with {@code 429} in JSON.
 */
public final class StreamLimits {

    private final int perClient;
    private final int perConversation;
    private final Map<String, AtomicInteger> clients = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> conversations = new ConcurrentHashMap<>();

    public StreamLimits(int perClient, int perConversation) {
        this.perClient = perClient;
        this.perConversation = perConversation;
    }

    /** Takes a place for a stream, or throws 429; give it back with the returned runnable (once). */
    public Runnable open(String client, String conversation) {
        if (!take(clients, client, perClient)) {
            throw new ApiError(429, "too_many_streams", "Too many live streams from your address; close some and retry.", 5);
        }
        if (conversation != null && !take(conversations, conversation, perConversation)) {
            give(clients, client);
            throw new ApiError(429, "too_many_streams", "Too many live streams for this conversation; close some and retry.", 5);
        }
        boolean[] given = new boolean[1];
        return () -> {
            if (!given[0]) {
                given[0] = true;
                give(clients, client);
                if (conversation != null) {
                    give(conversations, conversation);
                }
            }
        };
    }

    private static boolean take(Map<String, AtomicInteger> counts, String key, int cap) {
        boolean[] ok = new boolean[1];
        counts.compute(key, (k, n) -> {
            AtomicInteger c = n == null ? new AtomicInteger() : n;
            ok[0] = c.get() < cap;
            if (ok[0]) {
                c.incrementAndGet();
            }
            return c.get() == 0 ? null : c;
        });
        return ok[0];
    }

    private static void give(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfPresent(key, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }
}
