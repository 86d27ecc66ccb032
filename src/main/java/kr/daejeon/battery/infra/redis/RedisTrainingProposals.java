package kr.daejeon.battery.infra.redis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.learning.TrainingProposal;
import kr.daejeon.battery.learning.TrainingProposals;
import kr.daejeon.battery.session.JsonCodec;

/** Proposals in one Redis hash {@code P:proposals} (id → JSON). */
public final class RedisTrainingProposals implements TrainingProposals {

    private static final RedisScript DECIDE = RedisScript.of("proposal-decide.lua");
    private static final RedisScript REPLACE = RedisScript.of("proposal-replace.lua");

    private final RedisClient redis;
    private final String key;

    public RedisTrainingProposals(RedisClient redis) {
        this.redis = redis;
        this.key = redis.prefix() + ":proposals";
    }

    @Override
    public void add(TrainingProposal p) {
        redis.call(key, j -> j.hset(key, p.id(), JsonCodec.write(p)));
    }

    @Override
    public Optional<TrainingProposal> find(String id) {
        return Optional.ofNullable(redis.call(key, j -> j.hget(key, id))).map(s -> JsonCodec.read(s, TrainingProposal.class));
    }

    @Override
    public List<TrainingProposal> all() {
        List<TrainingProposal> out = new ArrayList<>();
        for (String json : redis.call(key, j -> j.hvals(key))) {
            out.add(JsonCodec.read(json, TrainingProposal.class));
        }
        out.sort(Comparator.comparing(TrainingProposal::proposedAt).reversed());
        return out;
    }

    @Override
    public int decide(TrainingProposal decided) {
        return redis.call(key, j -> ((Long) DECIDE.eval(j, List.of(key), List.of(decided.id(), JsonCodec.write(decided)))))
                .intValue();
    }

    @Override
    public int replace(TrainingProposal expected, TrainingProposal next) {
        return redis.call(key, j -> ((Long) REPLACE.eval(j, List.of(key),
                List.of(expected.id(), JsonCodec.write(expected), JsonCodec.write(next)))).intValue());
    }
}
