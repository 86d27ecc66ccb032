package kr.daejeon.battery.escalation;

import kr.daejeon.battery.infra.memory.InMemoryTicketStore;

class InMemoryTicketStoreTest extends TicketStoreContract {
    @Override
    protected TicketStore newStore() {
        return new InMemoryTicketStore();
    }
}
