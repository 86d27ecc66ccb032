package kr.daejeon.battery.conversation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The observers of {@link TurnEvent}s. Delivery is synchronous, on the thread that stored the turn, in the order
 * the observers were registered: so the order of side effects is fixed where they are registered (e.g. the staff
 * feed hears of a new ticket before the webhook fires, and both before the turn's messages are announced), and an
 * event is delivered as often as it is published (a ticket opened on retry is announced again: at least once).
 * Observers must be quick and must not throw for a reason the customer did not cause: an exception reaches the caller.
 */
public final class TurnEvents {

    private final List<Consumer<TurnEvent>> observers = new CopyOnWriteArrayList<>();

    /** Registers {@code observer} for the events of {@code type}; returns this, to chain the registrations. */
    public <E extends TurnEvent> TurnEvents on(Class<E> type, Consumer<? super E> observer) {
        observers.add(e -> {
            if (type.isInstance(e)) {
                observer.accept(type.cast(e));
            }
        });
        return this;
    }

    void publish(TurnEvent event) {
        for (Consumer<TurnEvent> o : observers) {
            o.accept(event);
        }
    }
}
