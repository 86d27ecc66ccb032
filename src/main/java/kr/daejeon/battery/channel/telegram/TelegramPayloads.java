package kr.daejeon.battery.channel.telegram;

import java.util.List;
import java.util.Map;
import kr.daejeon.battery.conversation.Message;

/** The {@code sendMessage} bodies for one message: split at 4,096 characters, buttons on the last part. */
public final class TelegramPayloads {

    private TelegramPayloads() {
    }

    public static List<Map<String, Object>> of(String chatId, Message m) {
        return TelegramChannel.payloads(chatId, m);
    }
}
