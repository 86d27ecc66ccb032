package kr.daejeon.battery.escalation;

class InMemoryTicketStoreTest extends TicketStoreContract {
    @Override
    protected TicketStore newStore() {
        return new InMemoryTicketStore();
    }
}
