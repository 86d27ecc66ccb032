package kr.daejeon.battery.infra.memory;

import kr.daejeon.battery.escalation.ContactConsent;
import kr.daejeon.battery.escalation.Satisfaction;
import kr.daejeon.battery.escalation.ClaimResult;
import kr.daejeon.battery.escalation.Note;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.escalation.TicketPage;
import kr.daejeon.battery.escalation.TicketStatus;
import kr.daejeon.battery.escalation.TicketStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import kr.daejeon.battery.conversation.Message;

/** Tickets in process memory, for local runs. Synchronized: claims are atomic. */
public final class InMemoryTicketStore implements TicketStore {

    private final Map<String, Ticket> tickets = new LinkedHashMap<>();
    private final Map<String, List<Note>> notes = new LinkedHashMap<>();
    private final Map<String, List<Message>> transcripts = new LinkedHashMap<>();
    private final Map<String, Instant> claims = new LinkedHashMap<>();
    private final Map<String, Instant> firstResponses = new LinkedHashMap<>();

    @Override
    public synchronized Map<String, Instant> claimedAt(List<String> ids) {
        Map<String, Instant> out = new LinkedHashMap<>();
        for (String id : ids) {
            if (claims.containsKey(id)) {
                out.put(id, claims.get(id));
            }
        }
        return out;
    }

    private static final Comparator<Ticket> NEWEST_FIRST = Comparator.comparing(Ticket::createdAt).reversed()
            .thenComparing(Ticket::id);

    @Override
    public synchronized List<Ticket> history(Instant from, Instant to, int limit) {
        return tickets.values().stream().filter(t -> !t.createdAt().isBefore(from) && t.createdAt().isBefore(to))
                .sorted(NEWEST_FIRST).limit(limit).toList();
    }

    @Override
    public synchronized List<Ticket> forConversation(String conversationId) {
        return tickets.values().stream().filter(t -> t.conversationId().equals(conversationId)).sorted(NEWEST_FIRST).toList();
    }

    @Override
    public synchronized void archiveTranscript(String conversationId, List<Message> transcript) {
        transcripts.put(conversationId, List.copyOf(transcript));
    }

    @Override
    public synchronized List<Message> archivedTranscript(String conversationId) {
        return transcripts.getOrDefault(conversationId, List.of());
    }

    @Override
    public synchronized void open(Ticket ticket) {
        tickets.put(ticket.id(), ticket);
    }

    @Override
    public synchronized boolean openOnce(Ticket ticket, Note note) {
        if (tickets.putIfAbsent(ticket.id(), ticket) != null) {
            return false;
        }
        if (note != null) {
            addNote(ticket.id(), note);
        }
        return true;
    }

    @Override
    public synchronized Optional<Ticket> find(String id) {
        return Optional.ofNullable(tickets.get(id));
    }

    @Override
    public synchronized List<Ticket> openTickets(int limit) {
        return tickets.values().stream().filter(t -> t.status() != TicketStatus.RESOLVED)
                .sorted(Comparator.comparing(Ticket::createdAt)).limit(limit).toList();
    }

    @Override
    public synchronized TicketPage openTickets(String after, int limit) {
        Comparator<Ticket> order = Comparator.comparing(Ticket::createdAt).thenComparing(Ticket::id);
        List<Ticket> open = tickets.values().stream().filter(t -> t.status() != TicketStatus.RESOLVED).sorted(order).toList();
        List<Ticket> rest = open;
        if (after != null) {
            Object[] c = TicketPage.parse(after);
            long millis = (Long) c[0];
            String id = (String) c[1];
            rest = open.stream().filter(t -> t.createdAt().toEpochMilli() > millis
                    || t.createdAt().toEpochMilli() == millis && t.id().compareTo(id) > 0).toList();
        }
        List<Ticket> page = rest.stream().limit(limit).toList();
        String next = rest.size() > page.size() ? TicketPage.cursorOf(page.get(page.size() - 1)) : null;
        return new TicketPage(page, next, open.size());
    }

    @Override
    public synchronized int sweep(Instant cutoff) {
        List<String> old = tickets.values().stream().filter(t -> t.updatedAt().isBefore(cutoff)).map(Ticket::id).toList();
        old.forEach(id -> {
            tickets.remove(id);
            notes.remove(id);
            claims.remove(id);
            firstResponses.remove(id);
        });
        return old.size();
    }

    @Override
    public synchronized int eraseConversation(String conversationId) {
        List<String> ids = tickets.values().stream().filter(t -> t.conversationId().equals(conversationId))
                .map(Ticket::id).toList();
        ids.forEach(id -> {
            tickets.remove(id);
            notes.remove(id);
            claims.remove(id);
            firstResponses.remove(id);
        });
        return ids.size();
    }

    @Override
    public synchronized int waitingCount() {
        return (int) tickets.values().stream().filter(t -> t.status() == TicketStatus.WAITING).count();
    }

    @Override
    public synchronized int position(String id) {
        List<Ticket> waiting = new ArrayList<>(tickets.values().stream().filter(t -> t.status() == TicketStatus.WAITING)
                .sorted(Comparator.comparing(Ticket::createdAt)).toList());
        for (int i = 0; i < waiting.size(); i++) {
            if (waiting.get(i).id().equals(id)) {
                return i + 1;
            }
        }
        return 0;
    }

    @Override
    public synchronized ClaimResult claim(String id, String staff, Instant now) {
        Ticket t = tickets.get(id);
        if (t == null || t.status() == TicketStatus.RESOLVED) {
            return new ClaimResult(false, null);
        }
        if (t.assignee() != null) {
            return new ClaimResult(t.assignee().equals(staff), t.assignee());
        }
        tickets.put(id, t.withStatus(TicketStatus.ASSIGNED, staff, now));
        claims.putIfAbsent(id, now);
        return new ClaimResult(true, staff);
    }

    @Override
    public synchronized boolean reassign(String id, String newAssignee, Instant now) {
        Ticket t = tickets.get(id);
        if (t == null || t.status() == TicketStatus.RESOLVED) {
            return false;
        }
        tickets.put(id, t.withStatus(newAssignee == null ? TicketStatus.WAITING : TicketStatus.ASSIGNED, newAssignee, now));
        if (newAssignee != null) {
            claims.putIfAbsent(id, now);
        }
        return true;
    }

    @Override
    public synchronized boolean setContact(String id, String contact, ContactConsent consent) {
        Ticket t = tickets.get(id);
        if (t == null || t.status() == TicketStatus.RESOLVED) {
            return false;
        }
        tickets.put(id, t.withContact(contact, consent));
        return true;
    }

    @Override
    public synchronized RatingOutcome rate(String id, Satisfaction rating) {
        Ticket t = tickets.get(id);
        if (t == null) {
            return RatingOutcome.NOT_FOUND;
        }
        if (t.status() != TicketStatus.RESOLVED) {
            return RatingOutcome.NOT_RESOLVED;
        }
        if (t.satisfaction() != null) {
            return RatingOutcome.ALREADY_RATED;
        }
        tickets.put(id, t.withSatisfaction(rating));
        return RatingOutcome.STORED;
    }

    @Override
    public synchronized boolean firstResponse(String id, Instant at) {
        return tickets.containsKey(id) && firstResponses.putIfAbsent(id, at) == null;
    }

    @Override
    public synchronized void addNote(String id, Note note) {
        notes.computeIfAbsent(id, k -> new ArrayList<>()).add(note);
    }

    @Override
    public synchronized List<Note> notes(String id) {
        return List.copyOf(notes.getOrDefault(id, List.of()));
    }

    @Override
    public synchronized boolean resolve(String id, Instant now) {
        Ticket t = tickets.get(id);
        if (t == null || t.status() == TicketStatus.RESOLVED) {
            return false;
        }
        tickets.put(id, t.withStatus(TicketStatus.RESOLVED, t.assignee(), now));
        return true;
    }

    @Override
    public void close() {
    }
}
