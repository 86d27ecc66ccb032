package kr.daejeon.battery.infra.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.learning.TrainingProposal;
import kr.daejeon.battery.learning.TrainingProposals;

/** Proposals in this process, the oldest forgotten beyond {@value #LIMIT}. */
public final class InMemoryTrainingProposals implements TrainingProposals {

    private static final int LIMIT = 2000;
    private final Map<String, TrainingProposal> proposals = new LinkedHashMap<>();

    @Override
    public synchronized void add(TrainingProposal p) {
        if (proposals.size() >= LIMIT) {
            proposals.remove(proposals.keySet().iterator().next());
        }
        proposals.put(p.id(), p);
    }

    @Override
    public synchronized Optional<TrainingProposal> find(String id) {
        return Optional.ofNullable(proposals.get(id));
    }

    @Override
    public synchronized List<TrainingProposal> all() {
        List<TrainingProposal> out = new ArrayList<>(proposals.values());
        out.sort(Comparator.comparing(TrainingProposal::proposedAt).reversed());
        return out;
    }

    @Override
    public synchronized int decide(TrainingProposal decided) {
        TrainingProposal current = proposals.get(decided.id());
        if (current == null) {
            return 0;
        }
        if (!TrainingProposal.PENDING.equals(current.status())) {
            return -1;
        }
        proposals.put(decided.id(), decided);
        return 1;
    }

    @Override
    public synchronized int replace(TrainingProposal expected, TrainingProposal next) {
        if (!expected.equals(proposals.get(expected.id()))) {
            return 0;
        }
        proposals.put(next.id(), next);
        return 1;
    }
}
