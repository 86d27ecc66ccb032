package kr.daejeon.battery.channel;

import java.time.Instant;

/**
 * A message that could not be delivered to a messenger after every retry: what staff need to
 * follow up (which conversation, what was said, why it failed). No platform ids or tokens.
 *
 * @param conversationId null when the call belonged to no conversation (e.g. a button acknowledgement)
 * @param operation      the platform call, e.g. {@code sendMessage} or {@code push}
 * @param text           the message texts that did not arrive
 */
public record DeadLetter(String id, String channel, String conversationId, String operation, String text, String reason,
                         int attempts, Instant failedAt) {
}
