package kr.daejeon.battery.learning;

import java.util.List;
import java.util.Optional;

/** Training proposals: in Redis (shared by every node) or in this process, as the backend chose. Blocking in Redis. */
public interface TrainingProposals {

    void add(TrainingProposal p);

    Optional<TrainingProposal> find(String id);

    /** Newest first. */
    List<TrainingProposal> all();

    /** Stores the decision if the proposal is still pending: 1 done, 0 unknown id, -1 already decided. */
    int decide(TrainingProposal decided);

    /** Replaces {@code expected} (exactly as stored) with {@code next}: 1 done, 0 it changed meanwhile. */
    int replace(TrainingProposal expected, TrainingProposal next);
}
