package kr.daejeon.battery.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageKind;
import kr.daejeon.battery.faq.FaqCatalog;
import org.junit.jupiter.api.Test;

/** Which lines join a handoff's bubble, and which stay apart. */
class HandoffBubbleTest {

    static final Instant NOW = Instant.EPOCH;

    static Message handoffLine(String text, String kind) {
        Message m = Message.bot(text, List.of(), List.of(), NOW, FaqCatalog.HANDOFF_INTENT);
        return kind == null ? m : m.withKind(MessageKind.of(kind));
    }

    @Test
    void theLinesOfOneHandoffAreOneMessageInOrder() {
        Message answer = Message.bot("서류는 PDF로 내시면 됩니다.", List.of(), List.of(), NOW, "required_documents");
        List<Message> out = HandoffBubble.join(List.of(answer, handoffLine("연결해 드릴게요.", "handoff"),
                handoffLine("09:00 이후에 답변드립니다.", null), handoffLine("대기 순서 1번째", "queue")));
        assertEquals(2, out.size());
        assertEquals(answer, out.get(0), "an answer before the handoff keeps its own bubble");
        assertEquals("연결해 드릴게요.\n\n09:00 이후에 답변드립니다.\n\n대기 순서 1번째", out.get(1).text());
        assertEquals(MessageKind.HANDOFF, out.get(1).kind());
    }

    @Test
    void otherLinesAreLeftAlone() {
        // A queue line without the "connecting" line before it, staff lines and answers are not joined.
        List<Message> in = List.of(handoffLine("대기 순서 2번째", "queue"), handoffLine("김담당 담당자가 상담을 시작했습니다.", "staff_joined"),
                Message.staff("안녕하세요", "김담당", NOW), handoffLine("연결해 드릴게요.", "handoff"),
                Message.staff("무엇을 도와드릴까요?", "김담당", NOW));
        assertEquals(in, HandoffBubble.join(in));
    }
}
