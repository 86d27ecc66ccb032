package kr.daejeon.battery.channel.line;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import org.junit.jupiter.api.Test;

/**
 * A push is an outbox job that another node may run again after this one died: its LINE retry key must be the same
 * every time, so LINE accepts it once (a random key per attempt made each re-run a new message).
 */
class LinePushKeyTest {

    @Test
    void theSamePushHasTheSameRetryKeyAndAnotherPushAnother() {
        Instant at = Instant.parse("2026-12-02T01:00:00Z");
        List<Message> reply = List.of(Message.staff("안녕하세요, 담당자입니다.", "kim", at).withId(41));
        List<Message> later = List.of(Message.staff("서류는 메일로 보내 주세요.", "kim", at).withId(42));
        assertEquals(LineChannel.pushKey("c1", reply), LineChannel.pushKey("c1", reply));
        assertNotEquals(LineChannel.pushKey("c1", reply), LineChannel.pushKey("c1", later));
        assertNotEquals(LineChannel.pushKey("c1", reply), LineChannel.pushKey("c2", reply));
    }
}
