package kr.daejeon.battery.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Observers hear the events of their type, in the order they were registered, once per publication. */
class TurnEventsTest {

    @Test
    void observersHearTheirEventsInRegistrationOrder() {
        List<String> heard = new ArrayList<>();
        TurnEvents events = new TurnEvents()
                .on(TurnEvent.RateLimited.class, e -> heard.add("first " + e.scope()))
                .on(TurnEvent.ConversationStarted.class, e -> heard.add("started " + e.channel()))
                .on(TurnEvent.RateLimited.class, e -> heard.add("second " + e.scope()));
        events.publish(new TurnEvent.RateLimited("conversation"));
        events.publish(new TurnEvent.ConversationStarted("c1", "web"));
        events.publish(new TurnEvent.RateLimited("address"));
        assertEquals(List.of("first conversation", "second conversation", "started web", "first address", "second address"),
                heard);
    }

    @Test
    void anEventPublishedTwiceIsHeardTwice() {
        List<TurnEvent> heard = new ArrayList<>();
        TurnEvents events = new TurnEvents().on(TurnEvent.class, heard::add);
        TurnEvent e = new TurnEvent.RateLimited("x");
        events.publish(e);
        events.publish(e);
        assertEquals(List.of(e, e), heard);
    }
}
