package kr.daejeon.battery.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One line of a transcript. {@code id} is the message's position in its conversation (1, 2, …),
 * assigned by the store when the message is appended; it doubles as the SSE event id.
 *
 * @param from   user, bot or staff
 * @param author the staff member's display name on staff messages
 * @param answerId on a bot answer: which curated answer it is (a topic's overview has the topic's id)
 * @param match    on a bot answer: {@code exact} (the answer to this question), {@code overview} (the topic's general
 *                 answer to a general question), or {@code partial} (the topic is clear, no answer fits: what is known, and a person)
 * @param kind   for lines about the handoff, see {@link MessageKind}; otherwise null (absent on the wire)
 * @param ticketId on a {@code csat} line: the ticket to rate
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Message(long id, Sender from, String text, List<String> quickReplies, List<MessageLink> links,
                      Instant createdAt, String intent, Double confidence, String author, MessageKind kind, String answerId,
                      String match, String ticketId) {

    public static Message user(String text, Instant at, String intent, double confidence) {
        return new Message(0, Sender.USER, text, List.of(), List.of(), at, intent, confidence, null, null, null, null, null);
    }

    public static Message bot(String text, List<String> quickReplies, List<MessageLink> links, Instant at, String intent) {
        return new Message(0, Sender.BOT, text, List.copyOf(quickReplies), List.copyOf(links), at, intent, null, null, null, null, null, null);
    }

    /** A staff reply; {@code author} is the staff member's display name, shown to the customer. */
    public static Message staff(String text, String author, Instant at) {
        return new Message(0, Sender.STAFF, text, List.of(), List.of(), at, null, null, author, null, null, null, null);
    }

    public Message withId(long newId) {
        return new Message(newId, from, text, quickReplies, links, createdAt, intent, confidence, author, kind, answerId, match, ticketId);
    }

    /** The curated answer this bot message gives. */
    public Message withAnswer(String id, String howMatched) {
        return new Message(this.id, from, text, quickReplies, links, createdAt, intent, confidence, author, kind, id, howMatched, ticketId);
    }

    /** Marks a line about the handoff, so clients can show its state: see {@link #kind()}. */
    public Message withKind(MessageKind newKind) {
        return new Message(id, from, text, quickReplies, links, createdAt, intent, confidence, author, newKind, answerId, match, ticketId);
    }

    /** The same message with other buttons. */
    public Message withQuickReplies(List<String> replies) {
        return new Message(id, from, text, List.copyOf(replies), links, createdAt, intent, confidence, author, kind, answerId, match,
                ticketId);
    }

    /** The ticket a {@code csat} line asks the customer to rate. */
    public Message withTicket(String rated) {
        return new Message(id, from, text, quickReplies, links, createdAt, intent, confidence, author, kind, answerId, match, rated);
    }
}
