package kr.daejeon.battery.conversation;

/** No conversation with this id (never existed, or expired). */
public final class ConversationNotFoundException extends RuntimeException {
    public ConversationNotFoundException() {
        super("conversation not found");
    }
}
