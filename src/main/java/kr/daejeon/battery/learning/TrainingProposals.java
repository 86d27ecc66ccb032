package kr.daejeon.battery.learning;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.RedisClient;
import kr.daejeon.battery.session.RedisScript;

/** Proposals in Redis (a hash, shared by every node) or in this process. Blocking when in Redis. */
public final class TrainingProposals {

    private static final int MEMORY_LIMIT = 2000;
    // Decides a proposal only while it is pending, so two admins cannot both approve it.
    private static final RedisScript DECIDE = new RedisScript("""
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if not v then return 0 end
            if cjson.decode(v).status ~= 'pending' then return -1 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            return 1
            """);

    // Puts back what an approval replaced, only if that approval is still what is stored.
    private static final RedisScript REPLACE = new RedisScript("""
            local v = redis.call('HGET', KEYS[1], ARGV[1])
            if not v or v ~= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
            return 1
            """);

    private final RedisClient redis;
    private final Map<String, TrainingProposal> memory = new LinkedHashMap<>();

    public TrainingProposals(RedisClient redisOrNull) {
        this.redis = redisOrNull;
    }

    public void add(TrainingProposal p) {
        if (redis == null) {
            synchronized (memory) {
                if (memory.size() >= MEMORY_LIMIT) {
                    memory.remove(memory.keySet().iterator().next());
                }
                memory.put(p.id(), p);
            }
            return;
        }
        redis.call(j -> j.hset(key(), p.id(), JsonCodec.write(p)));
    }

    public Optional<TrainingProposal> find(String id) {
        if (redis == null) {
            synchronized (memory) {
                return Optional.ofNullable(memory.get(id));
            }
        }
        return Optional.ofNullable(redis.call(j -> j.hget(key(), id))).map(s -> JsonCodec.read(s, TrainingProposal.class));
    }

    /** Newest first. */
    public List<TrainingProposal> all() {
        List<TrainingProposal> out;
        if (redis == null) {
            synchronized (memory) {
                out = new ArrayList<>(memory.values());
            }
        } else {
            out = new ArrayList<>();
            for (String json : redis.call(j -> j.hvals(key()))) {
                out.add(JsonCodec.read(json, TrainingProposal.class));
            }
        }
        out.sort(Comparator.comparing(TrainingProposal::proposedAt).reversed());
        return out;
    }

    /** Stores the decision if the proposal is still pending: 1 done, 0 unknown id, -1 already decided. */
    public int decide(TrainingProposal decided) {
        if (redis == null) {
            synchronized (memory) {
                TrainingProposal current = memory.get(decided.id());
                if (current == null) {
                    return 0;
                }
                if (!TrainingProposal.PENDING.equals(current.status())) {
                    return -1;
                }
                memory.put(decided.id(), decided);
                return 1;
            }
        }
        return redis.call(j -> ((Long) DECIDE.eval(j, List.of(key()), List.of(decided.id(), JsonCodec.write(decided))))
                .intValue());
    }

    /** Replaces {@code expected} (exactly as stored) with {@code next}: 1 done, 0 it changed meanwhile. */
    public int replace(TrainingProposal expected, TrainingProposal next) {
        if (redis == null) {
            synchronized (memory) {
                if (!expected.equals(memory.get(expected.id()))) {
                    return 0;
                }
                memory.put(next.id(), next);
                return 1;
            }
        }
        return redis.call(j -> ((Long) REPLACE.eval(j, List.of(key()),
                List.of(expected.id(), JsonCodec.write(expected), JsonCodec.write(next)))).intValue());
    }

    private String key() {
        return redis.prefix() + ":proposals";
    }
}
