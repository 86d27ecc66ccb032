package kr.daejeon.battery.content;

import java.time.Clock;

class InMemoryContentStoreTest extends ContentStoreContract {

    @Override
    protected ContentStore newStore() {
        return new InMemoryContentStore(Clock.systemUTC());
    }
}
