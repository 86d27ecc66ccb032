package kr.daejeon.battery.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.RedisClient;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
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

    static final Duration RESOLVED_RETENTION = Duration.ofDays(90);

    /** KEYS: ticket hash. ARGV: staff, now. Returns {1|0, assignee}. */
    private static final String CLAIM = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0, ''} end
            if redis.call('HGET', KEYS[1], 'status') == 'resolved' then return {0, ''} end
            local a = redis.call('HGET', KEYS[1], 'assignee')
            if a and a ~= '' then
              if a == ARGV[1] then return {1, a} end
              return {0, a}
            end
            redis.call('HSET', KEYS[1], 'status', 'assigned', 'assignee', ARGV[1], 'updatedAt', ARGV[2])
            redis.call('HSETNX', KEYS[1], 'claimedAt', ARGV[2])
            return {1, ARGV[1]}
            """;
    /** KEYS: ticket hash. ARGV: now, retention seconds. Returns 1 when it was open. */
    private static final String RESOLVE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            if redis.call('HGET', KEYS[1], 'status') == 'resolved' then return 0 end
            redis.call('HSET', KEYS[1], 'status', 'resolved', 'updatedAt', ARGV[1])
            redis.call('EXPIRE', KEYS[1], tonumber(ARGV[2]))
            redis.call('EXPIRE', KEYS[1] .. ':notes', tonumber(ARGV[2]))
            return 1
            """;

    /** KEYS: ticket hash. ARGV: assignee ('' = back to waiting), now. Returns 1 when it was open. */
    private static final String REASSIGN = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            if redis.call('HGET', KEYS[1], 'status') == 'resolved' then return 0 end
            local status = 'assigned'
            if ARGV[1] == '' then status = 'waiting' end
            redis.call('HSET', KEYS[1], 'status', status, 'assignee', ARGV[1], 'updatedAt', ARGV[2])
            if ARGV[1] ~= '' then redis.call('HSETNX', KEYS[1], 'claimedAt', ARGV[2]) end
            return 1
            """;

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
        opening(t, null).writeSeparately();
    }

    /** Keeps a changed ticket (and its notes) for the retention period from now. */
    private void touch(String id) {
        redis.call(j -> {
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
        List<String> ids = redis.call(j -> j.zrange(openKey, 0, -1));
        List<String> gone = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + 500));
            List<Boolean> exists = redis.call(j -> {
                var p = j.pipelined();
                List<Response<Boolean>> r = new ArrayList<>();
                for (String id : batch) {
                    r.add(p.exists(key(id)));
                }
                p.sync();
                return r.stream().map(Response::get).toList();
            });
            for (int i = 0; i < batch.size(); i++) {
                if (!exists.get(i)) {
                    gone.add(batch.get(i));
                }
            }
        }
        if (!gone.isEmpty()) {
            redis.call(j -> {
                j.zrem(openKey, gone.toArray(String[]::new));
                j.zrem(waitingKey, gone.toArray(String[]::new));
                return null;
            });
        }
        return gone.size();
    }

    @Override
    public int eraseConversation(String conversationId) {
        List<String> ids = redis.call(j -> j.zrange(conversationKey(conversationId), 0, -1));
        redis.call(j -> {
            var p = j.pipelined();
            for (String id : ids) {
                p.del(key(id), key(id) + ":notes");
                p.zrem(openKey, id);
                p.zrem(waitingKey, id);
                p.zrem(allKey, id);
            }
            p.del(conversationKey(conversationId));
            p.del(redis.prefix() + ":conversation:{" + conversationId + "}:transcript");
            p.sync();
            return null;
        });
        return ids.size();
    }

    /**
     * KEYS: ticket hash, open set, waiting set, notes, the conversation's tickets (by creation), every ticket (by
     * creation, for history search). ARGV: JSON, status, updatedAt,
     * score, id, note ('' = none), retention seconds.
     */
    private static final String OPEN = """
            redis.call('HSET', keys[1], 'json', args[1], 'status', args[2], 'assignee', '', 'updatedAt', args[3])
            redis.call('EXPIRE', keys[1], tonumber(args[7]))
            redis.call('ZADD', keys[2], args[4], args[5])
            if args[2] == 'waiting' then redis.call('ZADD', keys[3], args[4], args[5]) end
            if args[6] ~= '' then
              redis.call('RPUSH', keys[4], args[6])
              redis.call('EXPIRE', keys[4], tonumber(args[7]))
            end
            redis.call('ZADD', keys[5], args[4], args[5])
            redis.call('EXPIRE', keys[5], tonumber(args[7]))
            redis.call('ZADD', keys[6], args[4], args[5])
            redis.call('ZREMRANGEBYSCORE', keys[6], '-inf', tonumber(args[4]) - tonumber(args[7]) * 1000)
            """;

    @Override
    public kr.daejeon.battery.session.CommitWrite opening(Ticket t, Note note) {
        List<String> keys = List.of(key(t.id()), openKey, waitingKey, key(t.id()) + ":notes", conversationKey(t.conversationId()),
                allKey);
        List<String> args = List.of(JsonCodec.write(t), t.status(), t.updatedAt().toString(),
                Long.toString(t.createdAt().toEpochMilli()), t.id(), note == null ? "" : JsonCodec.write(note),
                retentionSeconds);
        RedisTicketStore self = this;
        return new kr.daejeon.battery.session.CommitWrite() {
            @Override
            public RedisClient redis() {
                return redis;
            }

            @Override
            public String lua() {
                return OPEN;
            }

            @Override
            public List<String> keys() {
                return keys;
            }

            @Override
            public List<String> args() {
                return args;
            }

            @Override
            public void writeSeparately() {
                redis.call(j -> j.eval(OPEN.replace("keys[", "KEYS[").replace("args[", "ARGV["), keys, args));
            }
        };
    }

    @Override
    public int waitingCount() {
        return redis.call(j -> j.zcard(waitingKey)).intValue();
    }

    @Override
    public Optional<Ticket> find(String id) {
        Map<String, String> h = redis.call(j -> j.hgetAll(key(id)));
        return h == null || h.isEmpty() ? Optional.empty() : Optional.of(fromHash(h));
    }

    private static Ticket fromHash(Map<String, String> h) {
        Ticket base = JsonCodec.read(h.get("json"), Ticket.class);
        String assignee = h.getOrDefault("assignee", "");
        Ticket t = base.withStatus(h.get("status"), assignee.isEmpty() ? null : assignee, Instant.parse(h.get("updatedAt")));
        if (h.containsKey("contact")) {
            String consent = h.get("consent");
            t = t.withContact(h.get("contact"), consent == null ? null : JsonCodec.read(consent, ContactConsent.class));
        }
        String rating = h.get("satisfaction");
        return rating == null ? t : t.withSatisfaction(JsonCodec.read(rating, Satisfaction.class));
    }

    @Override
    public List<Ticket> openTickets(int limit) {
        List<String> ids = redis.call(j -> j.zrange(openKey, 0, limit - 1));
        List<Ticket> out = new ArrayList<>(ids.size());
        for (String id : ids) {
            find(id).filter(t -> !Ticket.RESOLVED.equals(t.status())).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public List<Ticket> history(Instant from, Instant to, int limit) {
        List<String> ids = redis.call(j -> j.zrevrangeByScore(allKey, "(" + to.toEpochMilli(), Long.toString(from.toEpochMilli()), 0, limit));
        return findAll(ids);
    }

    @Override
    public List<Ticket> forConversation(String conversationId) {
        return findAll(redis.call(j -> j.zrevrange(conversationKey(conversationId), 0, -1)));
    }

    /** The tickets of {@code ids} still kept, in the same order, read in one pipeline. */
    private List<Ticket> findAll(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Map<String, String>> hashes = redis.call(j -> {
            try (Pipeline p = j.pipelined()) {
                List<Response<Map<String, String>>> rs = new ArrayList<>(ids.size());
                for (String id : ids) {
                    rs.add(p.hgetAll(key(id)));
                }
                p.sync();
                return rs.stream().map(Response::get).toList();
            }
        });
        List<Ticket> out = new ArrayList<>(ids.size());
        for (Map<String, String> h : hashes) {
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
        List<String> times = redis.call(j -> {
            try (Pipeline p = j.pipelined()) {
                List<Response<String>> rs = ids.stream().map(id -> p.hget(key(id), "claimedAt")).toList();
                p.sync();
                return rs.stream().map(Response::get).toList();
            }
        });
        Map<String, Instant> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            if (times.get(i) != null) {
                out.put(ids.get(i), Instant.parse(times.get(i)));
            }
        }
        return out;
    }

    @Override
    public void archiveTranscript(String conversationId, List<Message> transcript) {
        String json = JsonCodec.write(transcript);
        redis.call(j -> j.setex(redis.prefix() + ":conversation:{" + conversationId + "}:transcript",
                RESOLVED_RETENTION.toSeconds(), json));
    }

    @Override
    public List<Message> archivedTranscript(String conversationId) {
        String json = redis.call(j -> j.get(redis.prefix() + ":conversation:{" + conversationId + "}:transcript"));
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
            List<Tuple> rows = redis.call(j -> j.zrangeByScoreWithScores(openKey, min, "+inf", from, batch));
            for (Tuple row : rows) {
                String id = row.getElement();
                if (afterId != null && (long) row.getScore() == fromMillis && id.compareTo(afterId) <= 0) {
                    continue;
                }
                if (page.size() == limit) {
                    more = true;
                    break outer;
                }
                find(id).filter(t -> !Ticket.RESOLVED.equals(t.status())).ifPresent(page::add);
            }
            if (rows.size() < batch) {
                break;
            }
            offset += rows.size();
        }
        long total = redis.call(j -> j.zcard(openKey));
        return new TicketPage(page, more && !page.isEmpty() ? TicketPage.cursorOf(page.get(page.size() - 1)) : null, total);
    }

    @Override
    public int position(String id) {
        Long rank = redis.call(j -> j.zrank(waitingKey, id));
        return rank == null ? 0 : (int) (rank + 1);
    }

    @Override
    public ClaimResult claim(String id, String staff, Instant now) {
        List<?> r = (List<?>) redis.call(j -> j.eval(CLAIM, List.of(key(id)), List.of(staff, now.toString())));
        boolean claimed = ((Long) r.get(0)) == 1L;
        String assignee = (String) r.get(1);
        if (claimed) {
            redis.call(j -> j.zrem(waitingKey, id));
            touch(id);
        }
        return new ClaimResult(claimed, assignee.isEmpty() ? null : assignee);
    }

    @Override
    public boolean reassign(String id, String newAssignee, Instant now) {
        Object r = redis.call(j -> j.eval(REASSIGN, List.of(key(id)),
                List.of(newAssignee == null ? "" : newAssignee, now.toString())));
        if (!Long.valueOf(1).equals(r)) {
            return false;
        }
        touch(id);
        if (newAssignee == null) {
            Ticket t = find(id).orElseThrow();
            redis.call(j -> j.zadd(waitingKey, t.createdAt().toEpochMilli(), id));
        } else {
            redis.call(j -> j.zrem(waitingKey, id));
        }
        return true;
    }

    /** KEYS: ticket hash. ARGV: contact, consent JSON ('' = none). The consent lives and dies with the contact. */
    private static final String SET_CONTACT = """
            local s = redis.call('HGET', KEYS[1], 'status')
            if s ~= 'waiting' and s ~= 'assigned' then return 0 end
            redis.call('HSET', KEYS[1], 'contact', ARGV[1])
            if ARGV[2] == '' then redis.call('HDEL', KEYS[1], 'consent')
            else redis.call('HSET', KEYS[1], 'consent', ARGV[2]) end
            return 1
            """;

    @Override
    public boolean setContact(String id, String contact, ContactConsent consent) {
        return Long.valueOf(1).equals(redis.call(j -> j.eval(SET_CONTACT, List.of(key(id)),
                List.of(contact, consent == null ? "" : JsonCodec.write(consent)))));
    }

    /** KEYS: ticket hash. ARGV: rating JSON. Returns 1 stored, 0 no ticket, -1 not resolved, -2 rated before. */
    private static final String RATE = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            if redis.call('HGET', KEYS[1], 'status') ~= 'resolved' then return -1 end
            if redis.call('HSETNX', KEYS[1], 'satisfaction', ARGV[1]) == 0 then return -2 end
            return 1
            """;

    @Override
    public RatingOutcome rate(String id, Satisfaction rating) {
        long r = (Long) redis.call(j -> j.eval(RATE, List.of(key(id)), List.of(JsonCodec.write(rating))));
        return r == 1 ? RatingOutcome.STORED : r == 0 ? RatingOutcome.NOT_FOUND
                : r == -1 ? RatingOutcome.NOT_RESOLVED : RatingOutcome.ALREADY_RATED;
    }

    @Override
    public boolean firstResponse(String id, Instant at) {
        // The hash keeps its expiry (retention): HSETNX on a missing key would create one without it.
        return Long.valueOf(1).equals(redis.call(j -> j.eval(
                "if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end "
                        + "return redis.call('HSETNX', KEYS[1], 'firstResponseAt', ARGV[1])",
                List.of(key(id)), List.of(at.toString()))));
    }

    @Override
    public void addNote(String id, Note note) {
        redis.call(j -> j.rpush(key(id) + ":notes", JsonCodec.write(note)));
        touch(id);
    }

    @Override
    public List<Note> notes(String id) {
        return redis.call(j -> j.lrange(key(id) + ":notes", 0, -1)).stream()
                .map(json -> JsonCodec.read(json, Note.class)).toList();
    }

    @Override
    public boolean resolve(String id, Instant now) {
        Object r = redis.call(j -> j.eval(RESOLVE, List.of(key(id)),
                List.of(now.toString(), retentionSeconds)));
        redis.call(j -> {
            j.zrem(openKey, id);
            j.zrem(waitingKey, id);
            return null;
        });
        return Long.valueOf(1).equals(r);
    }

    @Override
    public void close() {
    }
}
