package kr.daejeon.battery.infra.redis;

import kr.daejeon.battery.escalation.ContactConsent;
import kr.daejeon.battery.escalation.Satisfaction;
import kr.daejeon.battery.escalation.ClaimResult;
import kr.daejeon.battery.escalation.Note;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.escalation.TicketPage;
import kr.daejeon.battery.escalation.TicketStatus;
import kr.daejeon.battery.escalation.TicketStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.infra.redis.RedisClient;
import redis.clients.jedis.params.ZAddParams;
import redis.clients.jedis.resps.Tuple;

/**
 * Tickets in Redis: a hash per ticket ({@code P:ticket:{id}}: the ticket JSON plus the fields that
 * change — status, assignee, updatedAt) and two sorted sets by creation time, {@code P:tickets:open}
 * and {@code P:tickets:waiting}. Every ticket, open or resolved, expires the retention period after its last
 * change (the privacy policy); the sweeper drops expired ids from the sorted sets. For history search every
 * ticket is also in {@code P:tickets:all} (by creation time, trimmed to the retention) and in its conversation's
 * {@code P:conversation:{cid}:tickets} (also how erasure finds them all); a resolved conversation's transcript is
 * copied to {@code P:conversation:{cid}:transcript}, kept as long as its tickets.
 */
public final class RedisTicketStore implements TicketStore {

    public static final Duration RESOLVED_RETENTION = Duration.ofDays(90);

    private static final RedisScript OPEN = RedisScript.of("ticket-open.lua");
    private static final RedisScript CLAIM = RedisScript.of("ticket-claim.lua");
    private static final RedisScript RESOLVE = RedisScript.of("ticket-resolve.lua");
    private static final RedisScript REASSIGN = RedisScript.of("ticket-reassign.lua");
    private static final RedisScript SET_CONTACT = RedisScript.of("ticket-contact.lua");
    private static final RedisScript RATE = RedisScript.of("ticket-rate.lua");
    private static final RedisScript FIRST_RESPONSE = RedisScript.of("ticket-first-response.lua");

    private final RedisClient redis;
    private final String retentionSeconds;
    private final String openKey;
    private final String waitingKey;

    public RedisTicketStore(RedisClient redis) {
        this(redis, RESOLVED_RETENTION);
    }

    /**
     * @param retention how long a ticket, its notes and contact details are kept after its last change, open or
     *                  resolved (the privacy policy)
     */
    public RedisTicketStore(RedisClient redis, Duration retention) {
        this.retentionSeconds = Long.toString(Math.max(1, retention.toSeconds()));
        this.redis = redis;
        this.openKey = redis.prefix() + ":tickets:open";
        this.waitingKey = redis.prefix() + ":tickets:waiting";
        this.allKey = redis.prefix() + ":tickets:all";
    }

    private final String allKey;

    private String conversationKey(String conversationId) {
        return redis.prefix() + ":conversation:{" + conversationId + "}:tickets";
    }

    private String key(String id) {
        return redis.prefix() + ":ticket:{" + id + "}";
    }

    @Override
    public void open(Ticket t) {
        openOnce(t, null);
    }

    /** Keeps a changed ticket (and its notes) for the retention period from now. */
    private void touch(String id) {
        redis.call(key(id), j -> {
            var p = j.pipelined();
            p.expire(key(id), Long.parseLong(retentionSeconds));
            p.expire(key(id) + ":notes", Long.parseLong(retentionSeconds));
            p.sync();
            return null;
        });
    }

    /** The hashes expire by themselves (retention); what is left is to drop their ids from the queue's sets. */
    @Override
    public int sweep(Instant cutoff) {
        List<String> ids = redis.call(openKey, j -> j.zrange(openKey, 0, -1));
        List<String> gone = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 500));
            // Each ticket's hash is in its own slot: one pipeline per node (one on a single Redis).
            List<Object> exists = redis.eachKey(batch.stream()
                    .map(id -> new RedisClient.Keyed(key(id), p -> p.exists(key(id)))).toList());
            for (int i = 0; i < batch.size(); i++) {
                if (!Boolean.TRUE.equals(exists.get(i))) {
                    gone.add(batch.get(i));
                }
            }
        }
        if (!gone.isEmpty()) {
            String[] members = gone.toArray(String[]::new);
            redis.eachKey(List.of(new RedisClient.Keyed(openKey, p -> p.zrem(openKey, members)),
                    new RedisClient.Keyed(waitingKey, p -> p.zrem(waitingKey, members))));
        }
        return gone.size();
    }

    @Override
    public int eraseConversation(String conversationId) {
        String index = conversationKey(conversationId);
        List<String> ids = redis.call(index, j -> j.zrange(index, 0, -1));
        // The tickets' hashes (a slot each), the global queues, then the conversation's index and transcript (its slot).
        List<RedisClient.Keyed> steps = new ArrayList<>();
        for (String id : ids) {
            steps.add(new RedisClient.Keyed(key(id), p -> p.del(key(id), notesKey(id))));
        }
        if (!ids.isEmpty()) {
            String[] members = ids.toArray(String[]::new);
            steps.add(new RedisClient.Keyed(openKey, p -> p.zrem(openKey, members)));
            steps.add(new RedisClient.Keyed(waitingKey, p -> p.zrem(waitingKey, members)));
            steps.add(new RedisClient.Keyed(allKey, p -> p.zrem(allKey, members)));
        }
        steps.add(new RedisClient.Keyed(index, p -> p.del(index, transcriptKey(conversationId))));
        redis.eachKey(steps);
        return ids.size();
    }

    /**
     * Two steps, each on one slot or on keys that need no atomicity with it: the ticket's hash and notes (the
     * ticket's slot, created only if absent), then, in one pipeline, the queues and indexes (global sorted sets and
     * the conversation's index, each written by an idempotent ZADD). A retry after a failure between them opens
     * nothing twice: the hash exists, and its status says which queues it is added to again.
     */
    @Override
    public boolean openOnce(Ticket t, Note note) {
        List<?> r = (List<?>) redis.call(key(t.id()), j -> OPEN.eval(j, List.of(key(t.id()), notesKey(t.id())),
                List.of(JsonCodec.write(t), t.status().wire(), t.updatedAt().toString(), note == null ? "" : JsonCodec.write(note),
                        retentionSeconds)));
        boolean created = ((Long) r.get(0)) == 1L;
        TicketStatus status = TicketStatus.of((String) r.get(1));
        long score = t.createdAt().toEpochMilli();
        long retention = Long.parseLong(retentionSeconds);
        // Each set is a key of its own slot on a cluster; every step is idempotent, so a retry redoes them safely.
        String index = conversationKey(t.conversationId());
        List<RedisClient.Keyed> steps = new ArrayList<>();
        if (status != TicketStatus.RESOLVED) {
            steps.add(new RedisClient.Keyed(openKey, p -> p.zadd(openKey, score, t.id(), ZAddParams.zAddParams().nx())));
        }
        if (status == TicketStatus.WAITING) {
            steps.add(new RedisClient.Keyed(waitingKey, p -> p.zadd(waitingKey, score, t.id(), ZAddParams.zAddParams().nx())));
        }
        steps.add(new RedisClient.Keyed(index, p -> {
            p.zadd(index, score, t.id());
            return p.expire(index, retention);
        }));
        steps.add(new RedisClient.Keyed(allKey, p -> {
            p.zadd(allKey, score, t.id());
            return p.zremrangeByScore(allKey, Double.NEGATIVE_INFINITY, score - retention * 1000.0);
        }));
        List<Object> replies = redis.eachKey(steps);
        boolean queued = status != TicketStatus.RESOLVED && Long.valueOf(1).equals(replies.get(0));
        return created || queued;
    }

    private String notesKey(String id) {
        return key(id) + ":notes";
    }

    private String transcriptKey(String conversationId) {
        return redis.prefix() + ":conversation:{" + conversationId + "}:transcript";
    }

    @Override
    public int waitingCount() {
        return redis.call(waitingKey, j -> j.zcard(waitingKey)).intValue();
    }

    @Override
    public Optional<Ticket> find(String id) {
        Map<String, String> h = redis.call(key(id), j -> j.hgetAll(key(id)));
        return h == null || h.isEmpty() ? Optional.empty() : Optional.of(fromHash(h));
    }

    private static Ticket fromHash(Map<String, String> h) {
        Ticket base = JsonCodec.read(h.get("json"), Ticket.class);
        String assignee = h.getOrDefault("assignee", "");
        Ticket t = base.withStatus(TicketStatus.of(h.get("status")), assignee.isEmpty() ? null : assignee, Instant.parse(h.get("updatedAt")));
        if (h.containsKey("contact")) {
            String consent = h.get("consent");
            t = t.withContact(h.get("contact"), consent == null ? null : JsonCodec.read(consent, ContactConsent.class));
        }
        String rating = h.get("satisfaction");
        return rating == null ? t : t.withSatisfaction(JsonCodec.read(rating, Satisfaction.class));
    }

    @Override
    public List<Ticket> openTickets(int limit) {
        List<String> ids = redis.call(openKey, j -> j.zrange(openKey, 0, limit - 1));
        List<Ticket> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            find(id).filter(t -> t.status() != TicketStatus.RESOLVED).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Ticket> history(Instant from, Instant to, int limit) {
        List<String> ids = redis.call(allKey, j -> j.zrevrangeByScore(allKey, "(" + to.toEpochMilli(), Long.toString(from.toEpochMilli()), 0, limit));
        return findAll(ids);
    }

    @Override
    public List<Ticket> forConversation(String conversationId) {
        return findAll(redis.call(conversationKey(conversationId), j -> j.zrevrange(conversationKey(conversationId), 0, -1)));
    }

    /** The tickets of {@code ids} still kept, in the same order, read in one pipeline. */
    private List<Ticket> findAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Object> hashes = redis.eachKey(ids.stream().map(id -> new RedisClient.Keyed(key(id), p -> p.hgetAll(key(id)))).toList());
        List<Ticket> out = new ArrayList<>(ids.size());
        for (Object o : hashes) {
            @SuppressWarnings("unchecked")
            Map<String, String> h = (Map<String, String>) o;
            if (h != null && !h.isEmpty()) {
                out.add(fromHash(h));
            }
        }
        return out;
    }

    @Override
    public Map<String, Instant> claimedAt(List<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<Object> times = redis.eachKey(ids.stream()
                .map(id -> new RedisClient.Keyed(key(id), p -> p.hget(key(id), "claimedAt"))).toList());
        Map<String, Instant> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (times.get(i) != null) {
                out.put(ids.get(i), Instant.parse((String) times.get(i)));
            }
        }
        return out;
    }

    @Override
    public void archiveTranscript(String conversationId, List<Message> transcript) {
        String json = JsonCodec.write(transcript);
        redis.call(transcriptKey(conversationId), j -> j.setex(transcriptKey(conversationId), RESOLVED_RETENTION.toSeconds(), json));
    }

    @Override
    public List<Message> archivedTranscript(String conversationId) {
        String json = redis.call(transcriptKey(conversationId), j -> j.get(transcriptKey(conversationId)));
        return json == null ? List.of() : List.of(JsonCodec.read(json, Message[].class));
    }

    /**
     * By score (creation ms) from the cursor's, skipping what the cursor already covered: ties share a score and are
     * ordered by id, as Redis orders equal scores by member.
     */
    @Override
    public TicketPage openTickets(String after, int limit) {
        long fromMillis = 0;
        String afterId = null;
        if (after != null) {
            Object[] c = TicketPage.parse(after);
            fromMillis = (Long) c[0];
            afterId = (String) c[1];
        }
        List<Ticket> page = new ArrayList<>(limit);
        boolean more = false;
        int offset = 0;
        int batch = limit + 1;
        String min = Long.toString(fromMillis);
        outer:
        while (true) {
            int from = offset;
            List<Tuple> rows = redis.call(openKey, j -> j.zrangeByScoreWithScores(openKey, min, "+inf", from, batch));
            for (Tuple row : rows) {
                String id = row.getElement();
                if (afterId != null && (long) row.getScore() == fromMillis && id.compareTo(afterId) <= 0) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break outer;
                }
                find(id).filter(t -> t.status() != TicketStatus.RESOLVED).ifPresent(page::add);
            }
            if (rows.size() < batch) {
                break;
            }
            offset += rows.size();
        }
        long total = redis.call(openKey, j -> j.zcard(openKey));
        return new TicketPage(page, more && !page.isEmpty() ? TicketPage.cursorOf(page.get(page.size() - 1)) : null, total);
    }

    @Override
    public int position(String id) {
        Long rank = redis.call(waitingKey, j -> j.zrank(waitingKey, id));
        return rank == null ? 0 : (int) (rank + 1);
    }

    @Override
    public ClaimResult claim(String id, String staff, Instant now) {
        List<?> r = (List<?>) redis.call(key(id), j -> CLAIM.eval(j, List.of(key(id)), List.of(staff, now.toString())));
        boolean claimed = ((Long) r.get(0)) == 1L;
        String assignee = (String) r.get(1);
        if (claimed) {
            redis.call(waitingKey, j -> j.zrem(waitingKey, id));
            touch(id);
        }
        return new ClaimResult(claimed, assignee.isEmpty() ? null : assignee);
    }

    @Override
    public boolean reassign(String id, String newAssignee, Instant now) {
        Object r = redis.call(key(id), j -> REASSIGN.eval(j, List.of(key(id)),
                List.of(newAssignee == null ? "" : newAssignee, now.toString())));
        if (!Long.valueOf(1).equals(r)) {
            return false;
        }
        touch(id);
        if (newAssignee == null) {
            Ticket t = find(id).orElseThrow();
            redis.call(waitingKey, j -> j.zadd(waitingKey, t.createdAt().toEpochMilli(), id));
        } else {
            redis.call(waitingKey, j -> j.zrem(waitingKey, id));
        }
        return true;
    }

    @Override
    public boolean setContact(String id, String contact, ContactConsent consent) {
        return Long.valueOf(1).equals(redis.call(key(id), j -> SET_CONTACT.eval(j, List.of(key(id)),
                List.of(contact, consent == null ? "" : JsonCodec.write(consent)))));
    }

    @Override
    public RatingOutcome rate(String id, Satisfaction rating) {
        long r = (Long) redis.call(key(id), j -> RATE.eval(j, List.of(key(id)), List.of(JsonCodec.write(rating))));
        return r == 1 ? RatingOutcome.STORED : r == 0 ? RatingOutcome.NOT_FOUND
                : r == -1 ? RatingOutcome.NOT_RESOLVED : RatingOutcome.ALREADY_RATED;
    }

    @Override
    public boolean firstResponse(String id, Instant at) {
        // The hash keeps its expiry (retention): HSETNX on a missing key would create one without it.
        return Long.valueOf(1).equals(redis.call(key(id), j -> FIRST_RESPONSE.eval(j, List.of(key(id)), List.of(at.toString()))));
    }

    @Override
    public void addNote(String id, Note note) {
        redis.call(key(id), j -> j.rpush(notesKey(id), JsonCodec.write(note)));
        touch(id);
    }

    @Override
    public List<Note> notes(String id) {
        return redis.call(key(id), j -> j.lrange(notesKey(id), 0, -1)).stream()
                .map(json -> JsonCodec.read(json, Note.class)).toList();
    }

    @Override
    public boolean resolve(String id, Instant now) {
        Object r = redis.call(key(id), j -> RESOLVE.eval(j, List.of(key(id), notesKey(id)),
                List.of(now.toString(), retentionSeconds)));
        // The queues apart (their own slots), after the ticket: a failure here leaves an id the next sweep or resolve drops.
        redis.eachKey(List.of(new RedisClient.Keyed(openKey, p -> p.zrem(openKey, id)),
                new RedisClient.Keyed(waitingKey, p -> p.zrem(waitingKey, id))));
        return Long.valueOf(1).equals(r);
    }

    @Override
    public void close() {
    }
}
