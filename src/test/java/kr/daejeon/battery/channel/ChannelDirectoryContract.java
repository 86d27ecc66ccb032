package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every channel directory does, in memory and in Redis alike. */
abstract class ChannelDirectoryContract {

    protected ChannelDirectory directory;

    protected abstract ChannelDirectory newDirectory();

    @BeforeEach
    void create() {
        directory = newDirectory();
    }

    @Test
    void aLinkedUserFindsTheirConversation() {
        assertEquals(Optional.empty(), directory.conversationFor("telegram:1"));
        directory.link("telegram:1", "c1", Duration.ofDays(90));
        assertEquals(Optional.of("c1"), directory.conversationFor("telegram:1"));
        directory.link("telegram:1", "c2", Duration.ofDays(90));
        assertEquals(Optional.of("c2"), directory.conversationFor("telegram:1"), "a new link replaces the old one");
    }

    @Test
    void aRetriedDeliveryIsSeenOnce() {
        assertTrue(directory.firstDelivery("line:ev1", Duration.ofMinutes(10)));
        assertFalse(directory.firstDelivery("line:ev1", Duration.ofMinutes(10)));
        assertTrue(directory.firstDelivery("line:ev2", Duration.ofMinutes(10)));
    }

    @Test
    void aOneShotValueIsTakenOnce() {
        directory.putOnce("cb", "https://example.invalid/callback", Duration.ofMinutes(1));
        assertEquals(Optional.of("https://example.invalid/callback"), directory.take("cb"));
        assertEquals(Optional.empty(), directory.take("cb"));
    }

    @Test
    void queuedValuesDrainInOrderAndOnlyOnce() {
        assertEquals(List.of(), directory.drain("q"));
        directory.enqueue("q", "a");
        directory.enqueue("q", "b");
        directory.enqueue("other", "x");
        assertEquals(List.of("a", "b"), directory.drain("q"));
        assertEquals(List.of(), directory.drain("q"));
        assertEquals(List.of("x"), directory.drain("other"));
    }
}
