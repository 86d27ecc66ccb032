package kr.daejeon.battery.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.escalation.TicketStatus;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.nlu.Language;
import java.util.Optional;
import java.util.function.Function;
import kr.daejeon.battery.escalation.Note;
import kr.daejeon.battery.ratelimit.RateLimitedException;
import kr.daejeon.battery.session.CommitResult;
import kr.daejeon.battery.session.JsonCodec;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.session.Snapshot;
import kr.daejeon.battery.session.StoredTurn;
import kr.daejeon.battery.session.TurnCommit;
import kr.daejeon.battery.session.TurnRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer-facing use cases: start a conversation, take a turn, read the transcript.
 * Blocking (it calls the store): the HTTP layer runs it on worker threads.
 */
public final class ChatService {

    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
    public static final int MAX_PAGE = 500;
    /** How many times a turn is planned again from a newer state before it waits for the conversation's lock instead. */
    private static final int PLAN_ATTEMPTS = 3;

    private final SessionStore store;
    private final TicketStore tickets;
    private final ConversationEngine engine;
    private final MessageFeed feed;
    private final Clock clock;
    private final TurnEvents events;

    /**
     * @param feed    announces the messages of turns whose commit is unannounced (those that open or change a ticket)
     * @param events  told of stored turns, tickets and refusals: metrics, learning, webhook and the staff feed observe them
     */
    public ChatService(SessionStore store, TicketStore tickets, ConversationEngine engine, MessageFeed feed, Clock clock,
                       TurnEvents events) {
        this.events = events;
        this.store = store;
        this.tickets = tickets;
        this.engine = engine;
        this.feed = feed;
        this.clock = clock;
    }

    /** A new conversation and its secret token; the token is returned once and stored only as a hash. */
    public record Started(String id, String token, ConversationState state, List<Message> messages) {
    }

    /** A stored turn: what the API acknowledges. */
    /** @param changedTicket the ticket this turn opened or updated, if any; {@code ticketOpened} tells which */
    /** @param replayed the turn was stored before under the same idempotency key: this is the stored result again */
    public record Turn(String intent, double confidence, boolean handoff, Message userMessage, List<Message> replies,
                       Ticket changedTicket, boolean ticketOpened, String channel, String language,
                       List<kr.daejeon.battery.nlu.ScoredIntent> ranking, boolean replayed, boolean awaitingContact) {
    }

    /**
     * What a turn stored under an idempotency key answered, kept with it (see {@link TurnRecord}); with the ticket it
     * opened (and that ticket's note), so that a retry opens a ticket the first attempt stored but did not open.
     */
    record Summary(String intent, double confidence, boolean handoff, Ticket opened, Note note) {
    }

    /** A page of the transcript with what a client shows about the conversation's state. */
    public record Transcript(List<Message> messages, String locale, boolean awaitingContact) {
    }

    public Started start(Language language, String channel) {
        return start(language, channel, null);
    }

    private Started start(Language language, String channel, String channelUser) {
        Instant now = clock.instant();
        String id = Tokens.random(18);
        String token = Tokens.random(32);
        ConversationState state = ConversationState.start(id, Tokens.hash(token), channel, language.code(), now)
                .withChannelUser(channelUser);
        List<Message> stored = store.create(state, List.of(engine.greeting(language, now)));
        events.publish(new TurnEvent.ConversationStarted(id, channel));
        LOG.info("conversation started id={} channel={} locale={}", id, channel, language.code());
        return new Started(id, token, state, stored);
    }

    /** Answers one user message; returns only after the user message and the replies are stored. */
    public Turn post(String id, String token, String text) {
        return post(id, token, text, List.of(), null);
    }

    /**
     * The same, exactly once per {@code idempotencyKey} (or null): a retry of a turn that was stored (even one
     * whose answer was lost or was a 503) gets the stored result and stores nothing. {@code charges} are taken from
     * the conversation's rate-limit buckets in the step that stores the turn, only once the token was accepted
     * (whoever knows only a conversation's id must not lock its owner out).
     *
     * @throws RateLimitedException when a charge finds its bucket empty; nothing is stored then
     */
    public Turn post(String id, String token, String text, List<TurnCommit.Charge> charges, String idempotencyKey) {
        return post(id, token, text, charges, idempotencyKey, ContactPolicy.ANY);
    }

    /**
     * The same under {@code contact}: the web API's {@link ContactPolicy#withConsent} stores contact details only
     * with the privacy-notice consent given with them, and refuses them otherwise ({@link ConsentRequiredException},
     * nothing stored).
     */
    public Turn post(String id, String token, String text, List<TurnCommit.Charge> charges, String idempotencyKey,
                     ContactPolicy contact) {
        return turn(id, found -> checkToken(found, token), text, charges,
                idempotencyKey == null ? null : "web:" + idempotencyKey, contact);
    }

    /**
     * Whether contact details need the privacy-notice consent, and the consent the customer gave with this message
     * (its time is set when stored), or null.
     */
    public record ContactPolicy(boolean consentRequired, kr.daejeon.battery.escalation.ContactConsent consent) {
        /** Messengers (no notice of ours is shown there) and internal callers. */
        public static final ContactPolicy ANY = new ContactPolicy(false, null);

        public static ContactPolicy withConsent(kr.daejeon.battery.escalation.ContactConsent given) {
            return new ContactPolicy(true, given);
        }
    }

    /**
     * A conversation for a messenger user; {@code address} is where later messages are pushed
     * (e.g. the Telegram chat id). Returns the conversation id.
     */
    public String startChannelConversation(Language language, String channel, String address) {
        return start(language, channel, address).id();
    }

    /** For messenger adapters, whose platform has already authenticated the sender. */
    public Turn postFromChannel(String id, String text) {
        return postFromChannel(id, text, null);
    }

    /**
     * The same, exactly once per platform delivery: {@code deliveryKey} (e.g. {@code telegram:<update_id>}) is
     * stored with the turn, so a platform's retry after a failed delivery is stored once and answered again.
     */
    public Turn postFromChannel(String id, String text, String deliveryKey) {
        return turn(id, found -> found.orElseThrow(ConversationNotFoundException::new), text, List.of(), deliveryKey,
                ContactPolicy.ANY);
    }

    public boolean exists(String id) {
        return store.find(id).isPresent();
    }

    private Turn turn(String id, Function<Optional<ConversationState>, ConversationState> access, String text,
                      List<TurnCommit.Charge> charges, String turnKey, ContactPolicy contact) {
        long t0 = System.nanoTime();
        Turn turn = plannedTurn(id, access, text, charges, turnKey);
        if (turn == null) {
            turn = store.withLock(id, held -> lockedTurn(held, access, text, charges, turnKey, contact));
        }
        if (turn.replayed()) {
            LOG.info("turn conversation={} replayed (stored before under its idempotency key)", id);
            return turn;
        }
        events.publish(new TurnEvent.TurnCommitted(id, text, turn, java.time.Duration.ofNanos(System.nanoTime() - t0)));
        LOG.info("turn conversation={} intent={} confidence={} handoff={} ms={}", id, turn.intent(),
                String.format(java.util.Locale.ROOT, "%.2f", turn.confidence()), turn.handoff(),
                (System.nanoTime() - t0) / 1_000_000);
        if (LOG.isDebugEnabled()) {
            LOG.debug("turn conversation={} text={}", id, text);
        }
        return turn;
    }

    /**
     * The usual turn: computed from the conversation's snapshot without its lock, and committed if the conversation
     * did not change meanwhile; when it did, planned again from the state the commit handed back. Null when the turn
     * must take the lock instead: it opens or changes a ticket, someone holds the lock, or the conversation kept
     * changing.
     */
    private Turn plannedTurn(String id, Function<Optional<ConversationState>, ConversationState> access, String text,
                             List<TurnCommit.Charge> charges, String turnKey) {
        Optional<Snapshot> snapshot = store.read(id);
        for (int attempt = 0; attempt < PLAN_ATTEMPTS; attempt++) {
            // The token is checked first: a request for someone else's conversation charges nothing to its limit.
            ConversationState state = access.apply(snapshot.map(Snapshot::state));
            Instant now = clock.instant();
            TurnResult result = engine.respond(state, text, now);
            if (changesTicket(state, result)) {
                return null;
            }
            CommitResult outcome = store.commit(TurnCommit.planned(snapshot.orElseThrow(), result.state(),
                    userAndReplies(text, now, result)).recordedAs(record(turnKey, result, null, null)).charging(charges));
            if (outcome instanceof CommitResult.Committed committed) {
                return turnOf(result, committed.stored(), null, false);
            } else if (outcome instanceof CommitResult.Stale stale) {
                snapshot = Optional.of(stale.current());
            } else if (outcome instanceof CommitResult.Gone) {
                snapshot = Optional.empty();
            } else if (outcome instanceof CommitResult.Busy) {
                return null;
            } else {
                return replayedOrRefused(id, outcome);
            }
        }
        return null;
    }

    private static boolean changesTicket(ConversationState before, TurnResult result) {
        return result.handoffReason() != null || result.contact() != null && result.state().ticketId() != null
                || cancelsTicket(before, result);
    }

    /** The customer took their request for staff back before anyone joined: the engine handed the turn to the bot. */
    private static boolean cancelsTicket(ConversationState before, TurnResult result) {
        return ConversationState.WAITING.equals(before.status()) && !result.state().isHandoff()
                && result.state().ticketId() != null;
    }

    /** The note staff see on a ticket the customer cancelled (the console shows notes in either language). */
    static final String CANCELLED_NOTE = "고객이 상담 요청을 취소했습니다 (챗봇으로 돌아감) / Cancelled by the customer";

    /**
     * A turn that opens or changes a ticket, under the conversation's lock. The turn is committed first and the
     * ticket opened after it, each in an atomic step of its own (a conversation and a ticket live in different
     * Redis Cluster slots): a turn that could not be stored (503) opens no ticket, and one stored with an
     * idempotency key keeps the ticket in its record, so that the client's retry of a turn whose ticket was not
     * opened (the node died in between) opens it, exactly once ({@link kr.daejeon.battery.escalation.TicketStore#openOnce}).
     * The ticket is announced before the turn's messages, so a console that learns of it also gets them.
     */
    private Turn lockedTurn(SessionStore.Held held, Function<Optional<ConversationState>, ConversationState> access,
                            String text, List<TurnCommit.Charge> charges, String turnKey, ContactPolicy contact) {
        String id = held.conversationId();
        ConversationState state = access.apply(held.state());
        if (turnKey != null) {
            Optional<StoredTurn> done = store.storedTurn(id, turnKey);
            if (done.isPresent()) {
                return replayed(id, done.get());
            }
        }
        Instant now = clock.instant();
        TurnResult result = engine.respond(state, text, now);
        ConversationState next = result.state();
        Ticket opening = null;
        Note note = null;
        List<Message> toStore = userAndReplies(text, now, result);
        if (result.handoffReason() != null) {
            opening = new Ticket(Tokens.random(12), id, next.channel(), next.locale(), result.handoffReason(),
                    TicketStatus.WAITING, null, now, now, next.recentTurns(), null);
            String answers = engine.eligibilitySummary(state);
            note = answers == null ? null : new Note("assistant", answers, now);
            next = next.withTicket(opening.id());
            // Under this conversation's lock, but other conversations may join the queue meanwhile: a good estimate.
            toStore.add(engine.queuePosition(Language.fromCode(next.locale()), tickets.waitingCount() + 1, now));
        }
        String cancelled = cancelsTicket(state, result) ? next.ticketId() : null;
        if (cancelled != null) {
            next = next.withTicket(null);
        }
        boolean attachesContact = result.contact() != null && next.ticketId() != null && opening == null;
        kr.daejeon.battery.escalation.ContactConsent consent = null;
        if (attachesContact && contact.consentRequired()) {
            // No consent to the privacy notice, no storing: refused before anything of this turn is kept.
            if (contact.consent() == null) {
                throw new ConsentRequiredException();
            }
            consent = new kr.daejeon.battery.escalation.ContactConsent(contact.consent().noticeVersion(), now,
                    contact.consent().items());
        }
        TurnCommit commit = TurnCommit.underLock(held, next, toStore).recordedAs(record(turnKey, result, opening, note))
                .charging(charges);
        CommitResult outcome = store.commit(opening == null && !attachesContact && cancelled == null ? commit : commit.unannounced());
        if (!(outcome instanceof CommitResult.Committed committed)) {
            if (outcome instanceof CommitResult.Gone) {
                throw new ConversationNotFoundException();
            }
            return replayedOrRefused(id, outcome);
        }
        List<Message> stored = committed.stored();
        Ticket changed = null;
        if (opening != null) {
            tickets.openOnce(opening, note);
            changed = opening;
            LOG.info("handoff conversation={} ticket={} reason={}", id, opening.id(), result.handoffReason());
        } else if (attachesContact && tickets.setContact(next.ticketId(), result.contact(), consent)) {
            changed = tickets.find(next.ticketId()).orElse(null);
            LOG.info("contact details attached to ticket={}", next.ticketId());
        } else if (cancelled != null) {
            tickets.addNote(cancelled, new Note("assistant", CANCELLED_NOTE, now));
            if (tickets.resolve(cancelled, now)) {
                changed = tickets.find(cancelled).orElse(null);
                LOG.info("ticket={} cancelled by the customer", cancelled);
            }
        }
        if (changed != null) {
            announceTicket(changed, opening != null);
        }
        if (opening != null || attachesContact || cancelled != null) {
            feed.publish(id, stored);
        }
        return turnOf(result, stored, changed, opening != null);
    }

    private void announceTicket(Ticket ticket, boolean opened) {
        events.publish(new TurnEvent.TicketChanged(ticket, opened));
    }

    /** A commit that was neither stored nor to be planned again: a retry of a stored turn, or a refusal. */
    private Turn replayedOrRefused(String id, CommitResult outcome) {
        if (outcome instanceof CommitResult.Replayed replay) {
            return replayed(id, replay.earlier());
        }
        if (outcome instanceof CommitResult.Limited limited) {
            events.publish(new TurnEvent.RateLimited(limited.scope()));
            throw new RateLimitedException(limited.scope(), limited.retryAfterSeconds());
        }
        throw new IllegalStateException("unexpected commit result " + outcome);
    }

    private static TurnRecord record(String turnKey, TurnResult result, Ticket opened, Note note) {
        return turnKey == null ? null : new TurnRecord(turnKey, JsonCodec.write(
                new Summary(result.intent(), result.confidence(), result.state().isHandoff(), opened, note)));
    }

    /** The result of a turn stored before under the same key, from the transcript. */
    private Turn replayed(String id, StoredTurn done) {
        Summary summary = JsonCodec.read(done.summary(), Summary.class);
        List<Message> messages = store.messagesAfter(id, done.firstId() - 1, done.count());
        if (messages.isEmpty()) {
            throw new ConversationNotFoundException();
        }
        if (summary.opened() != null && tickets.openOnce(summary.opened(), summary.note())) {
            // The first attempt stored the turn but died before opening its ticket.
            LOG.info("handoff conversation={} ticket={} opened on retry", id, summary.opened().id());
            announceTicket(summary.opened(), true);
        }
        return new Turn(summary.intent(), summary.confidence(), summary.handoff(), messages.get(0),
                messages.subList(1, messages.size()), null, false, null, null, List.of(), true, false);
    }

    private static List<Message> userAndReplies(String text, Instant now, TurnResult result) {
        List<Message> messages = new ArrayList<>(3 + result.replies().size());
        messages.add(Message.user(text, now, result.userIntent(), result.confidence()));
        messages.addAll(result.replies());
        return messages;
    }

    private static Turn turnOf(TurnResult result, List<Message> stored, Ticket changed, boolean opened) {
        ConversationState next = result.state();
        return new Turn(result.intent(), result.confidence(), next.isHandoff(), stored.get(0),
                stored.subList(1, stored.size()), changed, opened, next.channel(), next.locale(),
                result.ranking() == null ? List.of() : result.ranking(), false, next.awaitingContact());
    }

    /**
     * The customer chose {@code language} (the widget's language button): the conversation continues in it, and
     * the assistant says so by greeting in that language with its top topics (the quick replies in the new
     * language). Returns the stored greeting, or nothing when the language is unchanged or staff own the
     * conversation (the bot does not talk over them; the language of their ticket stays as it was).
     */
    public List<Message> switchLanguage(String id, String token, Language language) {
        List<Message> stored = store.withLock(id, held -> {
            ConversationState state = checkToken(held.state(), token);
            if (language.code().equals(state.locale()) || state.isHandoff()) {
                return List.<Message>of();
            }
            Instant now = clock.instant();
            CommitResult outcome = store.commit(TurnCommit.underLock(held, state.withLocale(language.code())
                    .withTurn(language.code(), state.status(), state.misses(), now), List.of(engine.greeting(language, now))));
            if (outcome instanceof CommitResult.Committed committed) {
                return committed.stored();
            }
            throw new ConversationNotFoundException();
        });
        if (!stored.isEmpty()) {
            LOG.info("language switched conversation={} locale={}", id, language.code());
        }
        return stored;
    }

    /**
     * A live listener for conversation {@code id} in this process (after {@link #authorize}); {@code ready} runs
     * once new messages are sure to reach it. See {@link MessageFeed#listen}.
     */
    public MessageFeed.Listening listen(String id, Runnable ready) {
        return feed.listen(id, ready);
    }

    public List<Message> messages(String id, String token, long afterId) {
        return transcript(id, token, afterId).messages();
    }

    /** The transcript after {@code afterId}, with the conversation's language and whether contact details are asked for. */
    public Transcript transcript(String id, String token, long afterId) {
        ConversationState state = authorize(id, token);
        return new Transcript(store.messagesAfter(id, afterId, MAX_PAGE), state.locale(), state.awaitingContact());
    }

    /** Checks the token; throws {@link ConversationNotFoundException} or {@link InvalidTokenException}. */
    public ConversationState authorize(String id, String token) {
        return checkToken(store.find(id), token);
    }

    private static ConversationState checkToken(java.util.Optional<ConversationState> found, String token) {
        ConversationState state = found.orElseThrow(ConversationNotFoundException::new);
        if (!Tokens.matches(token, state.tokenHash())) {
            throw new InvalidTokenException();
        }
        return state;
    }
}
