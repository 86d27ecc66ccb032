package kr.daejeon.battery.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Sender;
import kr.daejeon.battery.escalation.Note;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.escalation.TurnContext;
import kr.daejeon.battery.nlu.ScoredIntent;

/**
 * Searches the tickets of a date range, newest first. The office's volume is hundreds of tickets a
 * month, so a search reads the newest {@link #SCAN_LIMIT} tickets of the range and filters them (cheap
 * filters first, transcripts only when text or intent is asked for) instead of keeping a text index;
 * a page says when the range held more than that ({@code truncated}).
 */
public final class TicketHistory {

    public static final int SCAN_LIMIT = 2_000;
    private static final int SNIPPET = 160;

    /** One hit: the ticket and the line that matched (or the customer's last message). */
    public record Hit(Ticket ticket, String snippet) {
    }

    public record Page(List<Hit> results, int total, int page, int size, int scanned, boolean truncated) {
    }

    private final TicketStore tickets;
    private final Function<String, List<Message>> transcripts;

    TicketHistory(TicketStore tickets, Function<String, List<Message>> transcripts) {
        this.tickets = tickets;
        this.transcripts = transcripts;
    }

    public Page search(HistoryQuery q) {
        List<Ticket> candidates = tickets.history(q.from(), q.to(), SCAN_LIMIT + 1);
        boolean truncated = candidates.size() > SCAN_LIMIT;
        if (truncated) {
            candidates = candidates.subList(0, SCAN_LIMIT);
        }
        List<Hit> hits = new ArrayList<>();
        for (Ticket t : candidates) {
            Hit hit = match(t, q);
            if (hit != null) {
                hits.add(hit);
            }
        }
        int from = Math.min(hits.size(), q.page() * q.size());
        int to = Math.min(hits.size(), from + q.size());
        List<Hit> page = hits.subList(from, to).stream().map(h -> h.snippet() != null ? h
                : new Hit(h.ticket(), lastCustomerText(transcripts.apply(h.ticket().conversationId())))).toList();
        return new Page(page, hits.size(), q.page(), q.size(), candidates.size(), truncated);
    }

    private Hit match(Ticket t, HistoryQuery q) {
        if (q.status() != null && q.status() != t.status()) {
            return null;
        }
        if (q.channel() != null && !q.channel().equals(t.channel())) {
            return null;
        }
        if (q.contact() != null && (t.contact() == null || !t.contact().toLowerCase(Locale.ROOT).contains(q.contact()))) {
            return null;
        }
        boolean intentKnown = q.intent() == null || contextHas(t, q.intent());
        if (q.text() == null && intentKnown) {
            return new Hit(t, null); // the snippet is filled in for the shown page only
        }
        List<Message> transcript = transcripts.apply(t.conversationId());
        if (!intentKnown && transcript.stream().noneMatch(m -> m.from() == Sender.USER && q.intent().equals(m.intent()))) {
            return null;
        }
        if (q.text() == null) {
            return new Hit(t, lastCustomerText(transcript));
        }
        for (Message m : transcript) {
            String snippet = snippet(m.text(), q.text());
            if (snippet != null) {
                return new Hit(t, snippet);
            }
        }
        for (Note n : tickets.notes(t.id())) {
            String snippet = snippet(n.text(), q.text());
            if (snippet != null) {
                return new Hit(t, snippet);
            }
        }
        return null;
    }

    /** The classifier's best guess for any of the ticket's last messages. */
    private static boolean contextHas(Ticket t, String intent) {
        for (TurnContext c : t.classifierContext() == null ? List.<TurnContext>of() : t.classifierContext()) {
            List<ScoredIntent> top = c.topIntents();
            if (top != null && !top.isEmpty() && intent.equals(top.get(0).intent())) {
                return true;
            }
        }
        return false;
    }

    /** The text around the first match, or null when {@code needle} is not in {@code text}. */
    static String snippet(String text, String needle) {
        if (text == null) {
            return null;
        }
        int at = text.toLowerCase(Locale.ROOT).indexOf(needle);
        if (at < 0) {
            return null;
        }
        int start = Math.max(0, at - SNIPPET / 3);
        int end = Math.min(text.length(), start + SNIPPET);
        return (start > 0 ? "…" : "") + text.substring(start, end) + (end < text.length() ? "…" : "");
    }

    private static String lastCustomerText(List<Message> transcript) {
        for (int i = transcript.size() - 1; i >= 0; i--) {
            if (transcript.get(i).from() == Sender.USER) {
                String text = transcript.get(i).text();
                return text.length() > SNIPPET ? text.substring(0, SNIPPET) + "…" : text;
            }
        }
        return null;
    }
}
