package kr.daejeon.battery.infra.redis;

/**
 * The Redis pub/sub channels of the live feed ({@link RedisMessageFeed}): a conversation's is
 * {@code conversationPrefix + id} and carries the JSON array of its new messages; staff consoles hear
 * {@code {"type":"messages","conversationId":…,"messages":[…]}} and ticket events on {@code staff}. The session
 * store publishes a turn's messages on them from the script that stores them.
 */
public record FeedChannels(String conversationPrefix, String staff) {

    /** The channels of the feed under key prefix {@code prefix}. */
    public static FeedChannels of(String prefix) {
        return new FeedChannels(prefix + ":feed:c:", prefix + ":feed:staff");
    }

    public String conversation(String conversationId) {
        return conversationPrefix + conversationId;
    }
}
