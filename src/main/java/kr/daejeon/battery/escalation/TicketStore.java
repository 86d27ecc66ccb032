package kr.daejeon.battery.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.conversation.Message;

/**
 * Tickets waiting for or with staff. Never evicted before they are resolved. Blocking calls:
 * run them off the event loop.
 */
public interface TicketStore extends AutoCloseable {

    void open(Ticket ticket);

    /**
     * Opens {@code ticket} with {@code note} (or null) unless a ticket with its id exists: the handoff turn's retry
     * after a failure part-way opens it exactly once. Returns true when this call opened it (or finished opening it:
     * put it in the queue a failed attempt did not reach), so that it is announced once.
     */
    boolean openOnce(Ticket ticket, Note note);

    /**
     * Retention: erases tickets (with their notes and contact details) last changed before {@code cutoff}, open or
     * not. Returns how many went (a store whose records expire by themselves may only tidy its indexes).
     */
    int sweep(Instant cutoff);

    /** Erases every ticket of a conversation, with notes and contact details; returns how many. */
    int eraseConversation(String conversationId);

    /** How many tickets wait for staff. */
    int waitingCount();

    Optional<Ticket> find(String id);

    /** Open tickets (waiting and assigned), oldest first. */
    List<Ticket> openTickets(int limit);

    /**
     * Open tickets, oldest first, after the ticket named by {@code after} (a {@link TicketPage#next()} cursor, or
     * null for the first page), at most {@code limit}: every open ticket can be reached, page by page.
     */
    TicketPage openTickets(String after, int limit);

    /** 1-based place of a waiting ticket in the queue; 0 when it is not waiting. */
    int position(String id);

    /** Assigns the ticket to {@code staff} if nobody has it; otherwise reports who has it. */
    ClaimResult claim(String id, String staff, Instant now);

    /**
     * Hands the ticket to {@code newAssignee}, or back to the waiting queue when it is null.
     * Returns false when the ticket is not open.
     */
    boolean reassign(String id, String newAssignee, Instant now);

    void addNote(String id, Note note);

    /** Attaches the customer's contact details; returns false when the ticket is not open. */
    default boolean setContact(String id, String contact) {
        return setContact(id, contact, null);
    }

    /**
     * Attaches the customer's contact details with the privacy-notice consent they gave for them (kept, and
     * erased, with the contact); returns false when the ticket is not open.
     */
    boolean setContact(String id, String contact, ContactConsent consent);

    /** What became of a customer's rating of a ticket. */
    enum RatingOutcome { STORED, NOT_FOUND, NOT_RESOLVED, ALREADY_RATED }

    /** Stores the customer's rating of a resolved ticket, once: a second rating is refused. */
    RatingOutcome rate(String id, Satisfaction rating);

    /** Marks the first staff reply on the ticket; true only the first time (for the first-response time). */
    boolean firstResponse(String id, Instant at);

    List<Note> notes(String id);

    /**
     * Tickets opened in {@code [from, to)}, open and resolved (resolved ones while they are kept), newest
     * first, at most {@code limit}: the history staff search.
     */
    List<Ticket> history(Instant from, Instant to, int limit);

    /** Every kept ticket of one conversation, newest first. */
    List<Ticket> forConversation(String conversationId);

    /**
     * Keeps a copy of the conversation's transcript with its tickets: the conversation itself expires
     * when idle once staff are done, the history must not. Replaces an earlier copy.
     */
    void archiveTranscript(String conversationId, List<Message> transcript);

    /** The transcript last archived for the conversation; empty when none is kept. */
    List<Message> archivedTranscript(String conversationId);

    /** When each of {@code ids} was first taken by a staff member (claimed or handed to one); absent when never. */
    java.util.Map<String, Instant> claimedAt(List<String> ids);

    /** Closes the ticket; returns false when it was not open. */
    boolean resolve(String id, Instant now);

    @Override
    void close();
}
