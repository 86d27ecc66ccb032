package kr.daejeon.battery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import kr.daejeon.battery.conversation.MessageKind;
import kr.daejeon.battery.conversation.Sender;
import kr.daejeon.battery.escalation.HandoffReason;
import kr.daejeon.battery.escalation.TicketStatus;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.staff.StaffRole;
import org.junit.jupiter.api.Test;

/** The enums that replaced strings are the very same words in JSON, both ways. */
class WireWordTest {

    @Test
    void everyEnumIsItsOldWordInJson() {
        assertEquals("[\"waiting\",\"assigned\",\"resolved\"]", JsonCodec.write(List.of(TicketStatus.values())));
        assertEquals("[\"user_request\",\"repeated_misses\",\"faq_escalate\"]", JsonCodec.write(List.of(HandoffReason.values())));
        assertEquals("[\"user\",\"bot\",\"staff\"]", JsonCodec.write(List.of(Sender.values())));
        assertEquals("[\"handoff\",\"queue\",\"staff_joined\",\"resolved\",\"csat\"]", JsonCodec.write(List.of(MessageKind.values())));
        assertEquals("[\"agent\",\"admin\"]", JsonCodec.write(List.of(StaffRole.values())));
    }

    @Test
    void theWordsReadBack() {
        assertEquals(MessageKind.STAFF_JOINED, JsonCodec.read("\"staff_joined\"", MessageKind.class));
        assertEquals(TicketStatus.RESOLVED, TicketStatus.of("resolved"));
        assertEquals("waiting", TicketStatus.WAITING.toString(), "logs and the webhook text show the word");
        assertThrows(IllegalArgumentException.class, () -> StaffRole.of("ADMIN"));
    }
}
