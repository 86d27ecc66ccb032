package kr.daejeon.battery.staff;

import kr.daejeon.battery.infra.memory.InMemoryLoginAttempts;

/** The login-attempts contract in memory (one node). */
class InMemoryLoginAttemptsTest extends LoginAttemptsContract {

    @Override
    protected LoginAttempts newAttempts() {
        return new InMemoryLoginAttempts();
    }
}
