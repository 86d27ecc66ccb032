package kr.daejeon.battery.staff;

import kr.daejeon.battery.escalation.BusinessHours;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import kr.daejeon.battery.channel.ChannelDelivery;
import kr.daejeon.battery.conversation.ConversationNotFoundException;
import kr.daejeon.battery.conversation.ConversationState;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.MessageFeed;
import kr.daejeon.battery.conversation.MessageKind;
import kr.daejeon.battery.conversation.Sender;
import kr.daejeon.battery.escalation.ClaimResult;
import kr.daejeon.battery.escalation.FollowUpMailer;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.escalation.TicketStatus;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.escalation.Note;
import kr.daejeon.battery.content.Content;
import kr.daejeon.battery.faq.FaqCatalog;
import kr.daejeon.battery.faq.FaqEntry;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.session.SessionStore;

/** What staff do with escalated conversations. Blocking: run on worker threads. */
public final class StaffDesk {

    /** Thrown when the ticket does not exist. */
    public static final class TicketNotFoundException extends kr.daejeon.battery.Refusal {
        public TicketNotFoundException() {
            super(Reason.NOT_FOUND, "ticket_not_found", "No such ticket.");
        }
    }

    /** Thrown when another staff member has the ticket, or it is not in a state for this action. */
    public static final class TicketConflictException extends kr.daejeon.battery.Refusal {
        public TicketConflictException(String message) {
            super(Reason.CONFLICT, "ticket_conflict", message);
        }
    }

    /** The largest page of the queue (and the first page's size when the client asks for none). */
    public static final int QUEUE_LIMIT = 200;

    private final SessionStore conversations;
    private final TicketStore tickets;
    private final java.util.function.Supplier<Content> content;
    private final StaffAccounts accounts;
    private final MessageFeed feed;
    private final ChannelDelivery delivery;
    private final Clock clock;
    /** When staff work: a ticket opened outside them is labelled so (the bot asked for contact details then). */
    private final BusinessHours hours;

    private final ServiceMetrics metrics;
    private final FollowUpMailer mailer;

    /** {@code mailer}: null when no SMTP server is configured (replies are not e-mailed). */
    public StaffDesk(SessionStore conversations, TicketStore tickets, java.util.function.Supplier<Content> content,
                     StaffAccounts accounts, MessageFeed feed, ChannelDelivery delivery, Clock clock, ServiceMetrics metrics,
                     FollowUpMailer mailer, BusinessHours hours) {
        this.hours = hours;
        this.metrics = metrics;
        this.mailer = mailer;
        this.delivery = delivery;
        this.conversations = conversations;
        this.tickets = tickets;
        this.content = content;
        this.accounts = accounts;
        this.feed = feed;
        this.clock = clock;
    }

    /** A canned answer: an FAQ entry rendered now, in the customer's language. */
    public record CannedAnswer(String intent, String title, String text) {
    }

    /** FAQ answers matching {@code query} (title, intent or text), for the reply box. */
    public List<CannedAnswer> cannedAnswers(String id, String query) {
        Ticket t = tickets.find(id).orElseThrow(TicketNotFoundException::new);
        Language lang = Optional.ofNullable(Language.fromCode(t.language())).orElse(Language.KO);
        String q = query == null ? "" : query.strip().toLowerCase(java.util.Locale.ROOT);
        Instant now = clock.instant();
        List<CannedAnswer> titleMatches = new ArrayList<>();
        List<CannedAnswer> textMatches = new ArrayList<>();
        for (FaqEntry e : content.get().faq().entries().stream().sorted(java.util.Comparator.comparing(FaqEntry::intent)).toList()) {
            String text = content.get().renderer().render(e, lang, now);
            String title = (e.intent() + " " + e.title().ko() + " " + e.title().en()).toLowerCase(java.util.Locale.ROOT);
            CannedAnswer answer = new CannedAnswer(e.intent(), e.title().in(lang), text);
            if (q.isEmpty() || title.contains(q)) {
                titleMatches.add(answer);
            } else if (text.toLowerCase(java.util.Locale.ROOT).contains(q)) {
                textMatches.add(answer);
            }
        }
        // Matches in the topic name first: that is usually what the staff member typed.
        titleMatches.addAll(textMatches);
        return titleMatches;
    }

    /** An FAQ entry as the office edits it: the answer templates as written, with their placeholders. */
    public record FaqAnswer(String intent, String source, kr.daejeon.battery.faq.LocalizedText title,
                            kr.daejeon.battery.faq.LocalizedText answer) {
    }

    public List<FaqAnswer> faqAnswers() {
        return content.get().faq().entries().stream().sorted(java.util.Comparator.comparing(FaqEntry::intent))
                .map(e -> new FaqAnswer(e.intent(), e.source(), e.title(), e.answer())).toList();
    }

    /**
     * {@code template} rendered as customers would see it now in place of the entry's answer in
     * {@code language} (dates, D-day counts, training sessions filled in). Nothing is saved: edits go
     * through the proposal and approval flow.
     */
    public String previewAnswer(String intent, String language, String template) {
        FaqEntry e = content.get().faq().entry(intent).orElseThrow(() -> kr.daejeon.battery.Refusal.invalid("invalid_request", "no FAQ entry '" + intent + "'"));
        Language lang = Language.fromCode(language);
        if (lang == null) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_request", "'language' must be ko or en");
        }
        kr.daejeon.battery.faq.LocalizedText answer = lang == Language.KO
                ? new kr.daejeon.battery.faq.LocalizedText(template, e.answer().en())
                : new kr.daejeon.battery.faq.LocalizedText(e.answer().ko(), template);
        FaqEntry edited = new FaqEntry(e.intent(), e.source(), e.title(), answer, e.followUps(), e.links(), e.dates(),
                e.escalate(), e.exampleFacts());
        return content.get().renderer().render(edited, lang, clock.instant());
    }

    public Note addNote(String id, StaffSession staff, String text) {
        tickets.find(id).orElseThrow(TicketNotFoundException::new);
        Note note = new Note(staff.displayName(), text, clock.instant());
        tickets.addNote(id, note);
        return note;
    }

    /** Gives the ticket to another staff member ({@code to}), or back to the queue when {@code to} is null. */
    public Ticket reassign(String id, StaffSession staff, String to) {
        Ticket t = tickets.find(id).orElseThrow(TicketNotFoundException::new);
        if (t.assignee() != null && !t.assignee().equals(staff.username()) && !staff.role().isAdmin()) {
            throw new TicketConflictException("Claimed by " + t.assignee() + "; only they or an admin can hand it on.");
        }
        if (to != null && !accounts.exists(to)) {
            throw kr.daejeon.battery.Refusal.invalid("invalid_request", "no staff account '" + to + "'");
        }
        if (!tickets.reassign(id, to, clock.instant())) {
            throw new TicketConflictException("This ticket is already resolved.");
        }
        Ticket changed = tickets.find(id).orElseThrow(TicketNotFoundException::new);
        feed.ticketChanged(changed);
        return changed;
    }

    public List<TicketView> queue() {
        return queue(null, QUEUE_LIMIT).tickets();
    }

    /** A page of the queue (see {@link kr.daejeon.battery.escalation.TicketPage}). */
    public record QueuePage(List<TicketView> tickets, String next, long total) {
    }

    /** The open tickets after cursor {@code after} (null: from the oldest), at most {@code limit} (1-200). */
    public QueuePage queue(String after, int limit) {
        kr.daejeon.battery.escalation.TicketPage page = tickets.openTickets(after, Math.max(1, Math.min(QUEUE_LIMIT, limit)));
        return new QueuePage(views(page.tickets()), page.next(), page.total());
    }

    private List<TicketView> views(List<Ticket> open) {
        Instant now = clock.instant();
        List<TicketView> out = new ArrayList<>();
        for (Ticket t : open) {
            List<Message> transcript = conversations.messagesAfter(t.conversationId(), 0, 10_000);
            out.add(new TicketView(t, Duration.between(t.createdAt(), now).toSeconds(), lastCustomerText(transcript),
                    !hours.isOpen(t.createdAt()), null, null));
        }
        return out;
    }

    public TicketView ticket(String id) {
        Ticket t = tickets.find(id).orElseThrow(TicketNotFoundException::new);
        List<Message> transcript = transcriptOf(t.conversationId());
        return new TicketView(t, Duration.between(t.createdAt(), clock.instant()).toSeconds(), lastCustomerText(transcript),
                !hours.isOpen(t.createdAt()), transcript, tickets.notes(id));
    }

    /**
     * A conversation's transcript: the live one while the conversation is kept, else the copy taken
     * when its last ticket was resolved.
     */
    public List<Message> transcriptOf(String conversationId) {
        List<Message> live = conversations.messagesAfter(conversationId, 0, 10_000);
        return live.isEmpty() ? tickets.archivedTranscript(conversationId) : live;
    }

    /** One ticket of a conversation with its private notes. */
    public record TicketWithNotes(Ticket ticket, List<Note> notes) {
    }

    /** A conversation that reached staff: its full transcript and every ticket (newest first) with notes. */
    public record ConversationView(String conversationId, List<Message> transcript, List<TicketWithNotes> tickets) {
    }

    public ConversationView conversation(String conversationId) {
        List<Ticket> all = tickets.forConversation(conversationId);
        if (all.isEmpty()) {
            throw new TicketNotFoundException();
        }
        return new ConversationView(conversationId, transcriptOf(conversationId),
                all.stream().map(t -> new TicketWithNotes(t, tickets.notes(t.id()))).toList());
    }

    /** Open and resolved tickets matching {@code query}: see {@link TicketHistory}. */
    public TicketHistory.Page history(HistoryQuery query) {
        return new TicketHistory(tickets, this::transcriptOf).search(query);
    }

    public Ticket claim(String id, StaffSession staff) {
        Instant now = clock.instant();
        ClaimResult r = tickets.claim(id, staff.username(), now);
        if (!r.claimed()) {
            if (r.assignee() == null) {
                tickets.find(id).orElseThrow(TicketNotFoundException::new);
                throw new TicketConflictException("This ticket is already resolved.");
            }
            throw new TicketConflictException("Already claimed by " + r.assignee() + ".");
        }
        Ticket claimed = tickets.find(id).orElseThrow(TicketNotFoundException::new);
        metrics.handoffClaimed(claimed.channel(), Duration.between(claimed.createdAt(), now));
        tellCustomer(claimed, "handoff_claimed", staff.displayName(), ConversationState.WITH_STAFF, MessageKind.STAFF_JOINED);
        feed.ticketChanged(claimed);
        return claimed;
    }

    /** A staff console's live stream in this process; {@code ready} runs once every new event reaches it. */
    public MessageFeed.Listening listen(Runnable ready) {
        return feed.listen(null, ready);
    }

    /** Sends a staff reply to the customer; only the staff member who claimed the ticket may reply. */
    public Message reply(String id, StaffSession staff, String text) {
        Ticket t = ownedBy(id, staff);
        Instant now = clock.instant();
        ConversationState[] after = new ConversationState[1];
        List<Message> stored = conversations.withLockedState(t.conversationId(), found -> {
            ConversationState state = found.orElseThrow(ConversationNotFoundException::new);
            after[0] = state.withTurn(state.locale(), ConversationState.WITH_STAFF, 0, now);
            return conversations.append(after[0], List.of(Message.staff(text, staff.displayName(), now)));
        });
        feed.publish(t.conversationId(), stored);
        delivery.deliver(after[0], stored);
        countFirstResponse(t, now);
        // After hours the customer may be gone: the reply also goes to the address they left. It is
        // stored above first, so the transcript has it whatever the mail server does.
        if (mailer != null && FollowUpMailer.applies(t)) {
            mailer.send(t, staff.displayName(), text, conversations.messagesAfter(t.conversationId(), 0, 10_000));
        }
        return stored.get(0);
    }

    /** Ends the staff conversation: the bot answers again and the customer is told. */
    public Ticket resolve(String id, StaffSession staff) {
        Ticket t = tickets.find(id).orElseThrow(TicketNotFoundException::new);
        if (t.assignee() != null && !t.assignee().equals(staff.username()) && !staff.role().isAdmin()) {
            throw new TicketConflictException("Claimed by " + t.assignee() + "; only they or an admin can resolve it.");
        }
        Instant now = clock.instant();
        if (!tickets.resolve(id, now)) {
            throw new TicketConflictException("This ticket is already resolved.");
        }
        tellCustomer(t, "handoff_resolved", staff.displayName(), ConversationState.BOT, MessageKind.RESOLVED);
        metrics.handoffResolved(t.channel(), Duration.between(t.createdAt(), now));
        askForRating(t, now);
        // The conversation may expire soon now that staff are done; its history stays with the tickets.
        List<Message> transcript = conversations.messagesAfter(t.conversationId(), 0, 10_000);
        if (!transcript.isEmpty()) {
            tickets.archiveTranscript(t.conversationId(), transcript);
        }
        Ticket resolved = tickets.find(id).orElse(t);
        feed.ticketChanged(resolved);
        return resolved;
    }

    /**
     * Tells the customer, in their language, that staff joined or left ("김담당 담당자가 상담을
     * 시작했습니다"), and moves the conversation to {@code newStatus}; back to the bot clears the ticket.
     */
    private void tellCustomer(Ticket t, String messageKey, String staffName, String newStatus, MessageKind kind) {
        Instant now = clock.instant();
        ConversationState[] after = new ConversationState[1];
        List<Message> stored = conversations.withLockedState(t.conversationId(), found ->
                found.map(state -> {
                    Language lang = Optional.ofNullable(Language.fromCode(state.locale())).orElse(Language.KO);
                    String text = content.get().faq().message(messageKey, lang).replace("{name}", staffName);
                    ConversationState next = state.withTurn(state.locale(), newStatus, 0, now);
                    if (ConversationState.BOT.equals(newStatus)) {
                        next = next.withTicket(null);
                    }
                    after[0] = next;
                    return conversations.append(next, List.of(Message.bot(text, List.of(), List.of(), now,
                            FaqCatalog.HANDOFF_INTENT).withKind(kind)));
                }).orElse(List.of()));
        if (!stored.isEmpty()) {
            feed.publish(t.conversationId(), stored);
            delivery.deliver(after[0], stored);
        }
    }

    /** The first staff reply on a ticket counts for the first-response time. */
    private void countFirstResponse(Ticket t, Instant now) {
        if (tickets.firstResponse(t.id(), now)) {
            metrics.handoffFirstResponse(t.channel(), Duration.between(t.createdAt(), now));
        }
    }

    /** After resolving: the customer is asked to rate the conversation (1-5) in their channel. */
    private void askForRating(Ticket t, Instant now) {
        ConversationState[] after = new ConversationState[1];
        List<Message> stored = conversations.withLockedState(t.conversationId(), found -> found.map(state -> {
            Language lang = Optional.ofNullable(Language.fromCode(state.locale())).orElse(Language.KO);
            after[0] = state;
            return conversations.append(state, List.of(kr.daejeon.battery.escalation.SatisfactionSurvey.ask(t, lang, now)));
        }).orElse(List.of()));
        if (!stored.isEmpty()) {
            feed.publish(t.conversationId(), stored);
            delivery.deliver(after[0], stored);
        }
    }

    private Ticket ownedBy(String id, StaffSession staff) {
        Ticket t = tickets.find(id).orElseThrow(TicketNotFoundException::new);
        if (t.status() == TicketStatus.RESOLVED) {
            throw new TicketConflictException("This ticket is already resolved.");
        }
        if (!staff.username().equals(t.assignee())) {
            throw new TicketConflictException(t.assignee() == null ? "Claim the ticket before replying."
                    : "Claimed by " + t.assignee() + ".");
        }
        return t;
    }

    /**
     * The company's last real question: the request for staff itself ("상담원 연결", the button's text) says nothing
     * about what they need, so it is the summary only when nothing else was said.
     */
    private static String lastCustomerText(List<Message> transcript) {
        String request = null;
        for (int i = transcript.size() - 1; i >= 0; i--) {
            Message m = transcript.get(i);
            if (m.from() != Sender.USER) {
                continue;
            }
            if (!FaqCatalog.HANDOFF_INTENT.equals(m.intent())) {
                return m.text();
            }
            request = request == null ? m.text() : request;
        }
        return request;
    }
}
