package kr.daejeon.battery.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.nlu.ScoredIntent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One behaviour for every {@link TicketStore}. */
abstract class TicketStoreContract {

    static final Instant T0 = Instant.parse("2027-03-02T01:00:00Z");
    protected TicketStore store;

    protected abstract TicketStore newStore();

    @BeforeEach
    void open() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    static Ticket ticket(Instant created) {
        return new Ticket(Tokens.random(12), Tokens.random(18), "web", "ko", HandoffReason.USER_REQUEST, TicketStatus.WAITING, null, created,
                created, List.of(new TurnContext(created, List.of(new ScoredIntent("eligibility", 0.31),
                        new ScoredIntent("contact", 0.2), new ScoredIntent("application_process", 0.1)))), null);
    }

    /** Issue 20 #5: every open ticket is reachable, page by page, once each, oldest first (ties included). */
    @Test
    void everyOpenTicketIsReachableByPaging() {
        List<String> opened = new ArrayList<>();
        for (int i = 0; i < 230; i++) {
            Ticket t = ticket(T0.plusMillis(i / 3));
            store.open(t);
            opened.add(t.id());
        }
        store.resolve(opened.get(7), T0);
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            TicketPage page = store.openTickets(after, 50);
            assertEquals(229, page.total());
            page.tickets().forEach(t -> seen.add(t.id()));
            after = page.next();
            pages++;
        } while (after != null && pages < 20);
        assertEquals(229, seen.size(), "every open ticket once");
        assertEquals(229, new java.util.HashSet<>(seen).size());
        assertFalse(seen.contains(opened.get(7)));
        List<Instant> times = seen.stream().map(id -> store.find(id).orElseThrow().createdAt()).toList();
        for (int i = 1; i < times.size(); i++) {
            assertFalse(times.get(i).isBefore(times.get(i - 1)), "oldest first");
        }
    }

    @Test
    void openedTicketIsFoundWithItsContext() {
        Ticket t = ticket(T0);
        store.open(t);
        Ticket found = store.find(t.id()).orElseThrow();
        assertEquals(t, found);
        assertEquals("eligibility", found.classifierContext().get(0).topIntents().get(0).intent());
        assertTrue(store.find("missing").isEmpty());
    }

    @Test
    void queueIsOrderedByCreationAndPositionsCountWaitingOnly() {
        Ticket a = ticket(T0);
        Ticket b = ticket(T0.plusSeconds(10));
        Ticket c = ticket(T0.plusSeconds(20));
        store.open(c);
        store.open(a);
        store.open(b);
        assertEquals(List.of(a.id(), b.id(), c.id()), store.openTickets(10).stream().map(Ticket::id).toList());
        assertEquals(1, store.position(a.id()));
        assertEquals(3, store.position(c.id()));
        store.claim(a.id(), "kim", T0.plusSeconds(30));
        assertEquals(0, store.position(a.id()));
        assertEquals(1, store.position(b.id()));
        assertEquals(2, store.position(c.id()));
        assertEquals(3, store.openTickets(10).size());
    }

    @Test
    void claimIsAtomicOneOfManyWins() throws Exception {
        Ticket t = ticket(T0);
        store.open(t);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ClaimResult>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                String staff = "staff" + i;
                results.add(pool.submit((Callable<ClaimResult>) () -> store.claim(t.id(), staff, T0)));
            }
            int winners = 0;
            String winner = null;
            for (Future<ClaimResult> f : results) {
                if (f.get().claimed()) {
                    winners++;
                    winner = f.get().assignee();
                }
            }
            assertEquals(1, winners);
            for (Future<ClaimResult> f : results) {
                assertEquals(winner, f.get().assignee(), "losers are told who has it");
            }
            Ticket claimed = store.find(t.id()).orElseThrow();
            assertEquals(TicketStatus.ASSIGNED, claimed.status());
            assertEquals(winner, claimed.assignee());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void waitingCountFollowsClaimsHandBacksAndResolution() {
        Ticket a = ticket(T0);
        Ticket b = ticket(T0.plusSeconds(1));
        Ticket c = ticket(T0.plusSeconds(2));
        store.open(a);
        store.open(b);
        store.open(c);
        assertEquals(3, store.waitingCount());
        store.claim(a.id(), "kim", T0);
        assertEquals(2, store.waitingCount());
        store.reassign(a.id(), null, T0);
        assertEquals(3, store.waitingCount(), "handed back to the queue");
        store.resolve(b.id(), T0);
        store.claim(c.id(), "lee", T0);
        store.resolve(c.id(), T0);
        assertEquals(1, store.waitingCount());
    }

    @Test
    void claimingAgainByTheOwnerIsHarmless() {
        Ticket t = ticket(T0);
        store.open(t);
        assertTrue(store.claim(t.id(), "kim", T0).claimed());
        assertTrue(store.claim(t.id(), "kim", T0).claimed());
        assertFalse(store.claim(t.id(), "lee", T0).claimed());
        assertFalse(store.claim("missing", "lee", T0).claimed());
    }

    @Test
    void reassignMovesBetweenStaffAndBackToTheQueue() {
        Ticket a = ticket(T0);
        Ticket b = ticket(T0.plusSeconds(5));
        store.open(a);
        store.open(b);
        store.claim(a.id(), "kim", T0);
        assertTrue(store.reassign(a.id(), "lee", T0.plusSeconds(1)));
        assertEquals("lee", store.find(a.id()).orElseThrow().assignee());
        assertFalse(store.claim(a.id(), "kim", T0).claimed());
        assertTrue(store.reassign(a.id(), null, T0.plusSeconds(2)));
        Ticket back = store.find(a.id()).orElseThrow();
        assertEquals(TicketStatus.WAITING, back.status());
        assertNull(back.assignee());
        assertEquals(1, store.position(a.id()), "keeps its original place in the queue");
        assertEquals(2, store.position(b.id()));
        assertTrue(store.claim(a.id(), "kim", T0).claimed());
        assertFalse(store.reassign("missing", "kim", T0));
    }

    @Test
    void contactIsAttachedToOpenTicketsOnly() {
        Ticket t = ticket(T0);
        store.open(t);
        assertTrue(store.setContact(t.id(), "name@example.com"));
        assertEquals("name@example.com", store.find(t.id()).orElseThrow().contact());
        store.claim(t.id(), "kim", T0);
        assertEquals("name@example.com", store.find(t.id()).orElseThrow().contact());
        store.resolve(t.id(), T0);
        assertFalse(store.setContact(t.id(), "010-1234-5678"));
        assertFalse(store.setContact("missing", "x@y.kr"));
    }

    @Test
    void notesAreKeptInOrder() {
        Ticket t = ticket(T0);
        store.open(t);
        store.addNote(t.id(), new Note("kim", "회사 규모 확인 필요", T0));
        store.addNote(t.id(), new Note("lee", "<b>not html</b>", T0.plusSeconds(1)));
        assertEquals(List.of("회사 규모 확인 필요", "<b>not html</b>"), store.notes(t.id()).stream().map(Note::text).toList());
        assertTrue(store.notes("missing").isEmpty());
    }

    @Test
    void resolveClosesOnce() {
        Ticket t = ticket(T0);
        store.open(t);
        assertTrue(store.resolve(t.id(), T0.plusSeconds(60)));
        assertFalse(store.resolve(t.id(), T0.plusSeconds(61)));
        assertEquals(TicketStatus.RESOLVED, store.find(t.id()).orElseThrow().status());
        assertTrue(store.openTickets(10).isEmpty());
        assertEquals(0, store.position(t.id()));
        assertFalse(store.claim(t.id(), "kim", T0).claimed());
        assertNull(store.claim(t.id(), "kim", T0).assignee());
    }

    @Test
    void historyListsOpenAndResolvedTicketsOfARangeNewestFirst() {
        Ticket old = ticket(T0.minusSeconds(86_400));
        Ticket a = ticket(T0);
        Ticket b = ticket(T0.plusSeconds(60));
        Ticket later = ticket(T0.plusSeconds(86_400));
        for (Ticket t : List.of(b, later, old, a)) {
            store.open(t);
        }
        store.resolve(a.id(), T0.plusSeconds(120));
        List<Ticket> day = store.history(T0, T0.plusSeconds(86_400), 10);
        assertEquals(List.of(b.id(), a.id()), day.stream().map(Ticket::id).toList(), "range is [from, to), newest first");
        assertEquals(TicketStatus.RESOLVED, day.get(1).status(), "resolved tickets stay searchable");
        assertEquals(List.of(later.id()), store.history(T0, T0.plusSeconds(86_401), 1).stream().map(Ticket::id).toList());
        assertTrue(store.history(T0.plusSeconds(999_999), T0.plusSeconds(1_000_000), 10).isEmpty());
    }

    @Test
    void aConversationsTicketsAndItsArchivedTranscriptAreKept() {
        Ticket first = ticket(T0);
        Ticket second = new Ticket(Tokens.random(12), first.conversationId(), "web", "ko", HandoffReason.REPEATED_MISSES, TicketStatus.WAITING,
                null, T0.plusSeconds(600), T0.plusSeconds(600), List.of(), null);
        store.open(first);
        store.open(ticket(T0.plusSeconds(1)));
        store.resolve(first.id(), T0.plusSeconds(60));
        store.open(second);
        assertEquals(List.of(second.id(), first.id()), store.forConversation(first.conversationId()).stream().map(Ticket::id).toList());
        assertTrue(store.forConversation("nobody").isEmpty());

        assertTrue(store.archivedTranscript(first.conversationId()).isEmpty());
        List<kr.daejeon.battery.conversation.Message> transcript = List.of(
                kr.daejeon.battery.conversation.Message.user("서류 <b>문의</b>", T0, "required_documents", 0.9).withId(1),
                kr.daejeon.battery.conversation.Message.staff("답변드립니다", "김담당", T0.plusSeconds(30)).withId(2));
        store.archiveTranscript(first.conversationId(), transcript);
        assertEquals(transcript, store.archivedTranscript(first.conversationId()));
    }

    @Test
    void theFirstClaimTimeIsKept() {
        Ticket a = ticket(T0);
        Ticket b = ticket(T0);
        Ticket c = ticket(T0);
        store.open(a);
        store.open(b);
        store.open(c);
        store.claim(a.id(), "kim", T0.plusSeconds(90));
        store.reassign(a.id(), null, T0.plusSeconds(100));
        store.claim(a.id(), "lee", T0.plusSeconds(200));
        store.reassign(b.id(), "lee", T0.plusSeconds(30));
        java.util.Map<String, Instant> claimed = store.claimedAt(List.of(a.id(), b.id(), c.id(), "missing"));
        assertEquals(java.util.Map.of(a.id(), T0.plusSeconds(90), b.id(), T0.plusSeconds(30)), claimed);
    }

    @Test
    void consentIsKeptWithTheContactAndErasedWithIt() {
        Ticket t = ticket(T0);
        store.open(t);
        ContactConsent consent = new ContactConsent("2026-12-01", T0.plusSeconds(5), List.of("email", "phone"));
        assertTrue(store.setContact(t.id(), "name@example.com", consent));
        Ticket found = store.find(t.id()).orElseThrow();
        assertEquals("name@example.com", found.contact());
        assertEquals(consent, found.consent());
        store.claim(t.id(), "kim", T0.plusSeconds(9));
        assertEquals(consent, store.find(t.id()).orElseThrow().consent(), "kept through status changes");
        assertEquals(consent, store.history(T0.minusSeconds(1), T0.plusSeconds(1), 10).get(0).consent());
        assertEquals(1, store.eraseConversation(t.conversationId()));
        assertTrue(store.find(t.id()).isEmpty(), "contact and consent went with the ticket");
    }

    @Test
    void aResolvedTicketIsRatedOnce() {
        Ticket t = ticket(T0);
        store.open(t);
        Satisfaction good = new Satisfaction(4, "친절했어요 <b>", T0.plusSeconds(70));
        assertEquals(TicketStore.RatingOutcome.NOT_RESOLVED, store.rate(t.id(), good));
        assertNull(store.find(t.id()).orElseThrow().satisfaction());
        store.resolve(t.id(), T0.plusSeconds(60));
        assertEquals(TicketStore.RatingOutcome.STORED, store.rate(t.id(), good));
        assertEquals(TicketStore.RatingOutcome.ALREADY_RATED, store.rate(t.id(), new Satisfaction(1, null, T0.plusSeconds(80))));
        Ticket rated = store.find(t.id()).orElseThrow();
        assertEquals(good, rated.satisfaction());
        assertEquals(TicketStatus.RESOLVED, rated.status());
        assertEquals(TicketStore.RatingOutcome.NOT_FOUND, store.rate("missing", good));
    }

    @Test
    void theFirstStaffReplyIsMarkedOnce() {
        Ticket t = ticket(T0);
        store.open(t);
        assertTrue(store.firstResponse(t.id(), T0.plusSeconds(30)));
        assertFalse(store.firstResponse(t.id(), T0.plusSeconds(40)));
        assertFalse(store.firstResponse("missing", T0));
    }
}
