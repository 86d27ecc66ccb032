package kr.daejeon.battery.feedback;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.conversation.ChatService;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Sender;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.session.SessionStore;

/**
 * "Was it helpful?": a customer rates one of the assistant's answers in their conversation. The last
 * rating of an answer counts; the metric counts changes only, so repeating a rating is harmless.
 * Blocking (store calls): run on worker threads.
 */
public final class AnswerFeedback {

    /** How far back from the answer the customer's question is looked for. */
    private static final int QUESTION_LOOKBACK = 12;

    private final ChatService chat;
    private final SessionStore conversations;
    private final RatingStore ratings;
    private final ServiceMetrics metrics;
    private final Clock clock;

    public AnswerFeedback(ChatService chat, SessionStore conversations, RatingStore ratings, ServiceMetrics metrics,
                          Clock clock) {
        this.chat = chat;
        this.conversations = conversations;
        this.ratings = ratings;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Thrown when the message is not an answer of the assistant in this conversation. */
    public static final class UnknownAnswerException extends kr.daejeon.battery.Refusal {
        UnknownAnswerException() {
            super(Reason.NOT_FOUND, "message_not_found", "No such answer in this conversation.");
        }
    }

    /**
     * Records {@code rating} ("up" or "down", checked by the caller) for answer {@code messageId}, after checking the
     * conversation's token.
     */
    public AnswerRating rate(String conversationId, String token, long messageId, String rating) {
        return record(chat.authorize(conversationId, token), messageId, rating);
    }

    /** The same for a messenger adapter, whose platform has already authenticated the sender. */
    public AnswerRating rateFromChannel(String conversationId, long messageId, String rating) {
        return record(conversations.find(conversationId).orElseThrow(kr.daejeon.battery.conversation.ConversationNotFoundException::new),
                messageId, rating);
    }

    private AnswerRating record(ConversationState state, long messageId, String rating) {
        String conversationId = state.id();
        long from = Math.max(0, messageId - QUESTION_LOOKBACK);
        List<Message> around = messageId < 1 ? List.of()
                : conversations.messagesAfter(conversationId, from, (int) (messageId - from));
        Message answer = around.isEmpty() ? null : around.get(around.size() - 1);
        if (answer == null || answer.id() != messageId || answer.from() != Sender.BOT) {
            throw new UnknownAnswerException();
        }
        String question = null;
        for (int i = around.size() - 2; i >= 0 && question == null; i--) {
            if (around.get(i).from() == Sender.USER) {
                question = around.get(i).text();
            }
        }
        String intent = Optional.ofNullable(answer.intent()).orElse("unknown");
        AnswerRating stored = new AnswerRating(conversationId, messageId, rating, intent, question, answer.text(),
                state.channel(), state.locale(), clock.instant());
        Optional<String> before = ratings.put(stored);
        if (before.isEmpty() || !before.get().equals(rating)) {
            metrics.answerFeedback(state.channel(), rating, intent);
        }
        return stored;
    }

    /** Answers rated down, newest first, for staff. */
    public List<AnswerRating> recentDown(int limit) {
        return ratings.recentDown(limit);
    }
}
