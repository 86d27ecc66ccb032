package kr.daejeon.battery.conversation;

/** A link attached to a bot message, with its label already in the conversation's language. */
public record MessageLink(String label, String url) {
}
