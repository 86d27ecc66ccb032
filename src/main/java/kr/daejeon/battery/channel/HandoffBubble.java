package kr.daejeon.battery.channel;

import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageKind;
import kr.daejeon.battery.conversation.Sender;
import kr.daejeon.battery.faq.FaqCatalog;

/**
 * A handoff is announced in several lines (connecting, when staff answer after hours, the queue
 * position), stored as separate messages so clients can show the handoff's state. A messenger would
 * show each as its own bubble, which reads as the bot talking over itself; like the widget, the lines
 * of one handoff go out as one message that says what happens next.
 */
public final class HandoffBubble {

    private HandoffBubble() {
    }

    /** {@code messages} with every run of handoff lines (started by the "connecting" line) joined into its first. */
    public static List<Message> join(List<Message> messages) {
        List<Message> out = new ArrayList<>(messages.size());
        for (Message m : messages) {
            Message last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.kind() == MessageKind.HANDOFF && continuesHandoff(m)) {
                out.set(out.size() - 1, withText(last, last.text() + "\n\n" + m.text()));
            } else {
                out.add(m);
            }
        }
        return out;
    }

    /** The same message with {@code extra} as the last paragraph of its bubble (e.g. how replies arrive). */
    public static Message append(Message m, String extra) {
        return withText(m, m.text() + "\n\n" + extra);
    }

    /** The after-hours line (no kind) and the queue position follow the "connecting" line. */
    private static boolean continuesHandoff(Message m) {
        return m.from() == Sender.BOT && FaqCatalog.HANDOFF_INTENT.equals(m.intent())
                && (m.kind() == null || m.kind() == MessageKind.QUEUE);
    }

    private static Message withText(Message m, String text) {
        return new Message(m.id(), m.from(), text, m.quickReplies(), m.links(), m.createdAt(), m.intent(), m.confidence(),
                m.author(), m.kind(), m.answerId(), m.match(), m.ticketId());
    }
}
