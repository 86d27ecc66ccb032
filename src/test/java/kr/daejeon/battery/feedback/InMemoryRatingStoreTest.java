package kr.daejeon.battery.feedback;

class InMemoryRatingStoreTest extends RatingStoreContract {

    @Override
    protected RatingStore newStore() {
        return new InMemoryRatingStore();
    }
}
