package kr.daejeon.battery.feedback;

import kr.daejeon.battery.infra.memory.InMemoryRatingStore;

class InMemoryRatingStoreTest extends RatingStoreContract {

    @Override
    protected RatingStore newStore() {
        return new InMemoryRatingStore();
    }
}
