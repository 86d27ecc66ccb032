package kr.daejeon.battery.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.escalation.TicketStore;
import kr.daejeon.battery.escalation.TicketWebhook;
import kr.daejeon.battery.learning.UnansweredRecorder;
import kr.daejeon.battery.metrics.ServiceMetrics;
import kr.daejeon.battery.nlu.Language;
import kr.daejeon.battery.session.CommitWrite;
import kr.daejeon.battery.session.ListEntry;
import kr.daejeon.battery.session.StoredTurn;
import kr.daejeon.battery.session.TurnRecord;
import kr.daejeon.battery.session.PipelinedCheck;
import kr.daejeon.battery.session.SessionStore;
import kr.daejeon.battery.session.TurnPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The customer-facing use cases: start a conversation, take a turn, read the transcript.
 * Blocking (it calls the store): the HTTP layer runs it on worker threads.
 */
public final class ChatService {

    private static final Logger LOG = LoggerFactory.getLogger(ChatService.class);
    public static final int MAX_PAGE = 500;

    private final SessionStore store;
    private final TicketStore tickets;
    private final ConversationEngine engine;
    private final MessageFeed feed;
    private final Clock clock;
    private final TicketWebhook webhook;
    private final ServiceMetrics metrics;
    private final UnansweredRecorder unanswered;

    /** @param webhook notified of new tickets, or null */
    public ChatService(SessionStore store, TicketStore tickets, ConversationEngine engine, MessageFeed feed, Clock clock,
                       TicketWebhook webhook, ServiceMetrics metrics, UnansweredRecorder unanswered) {
        this.metrics = metrics;
        this.unanswered = unanswered;
        this.store = store;
        this.tickets = tickets;
        this.engine = engine;
        this.feed = feed;
        this.clock = clock;
        this.webhook = webhook;
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

    /** What a turn stored under an idempotency key answered, kept with it (see {@link TurnRecord}). */
    record Summary(String intent, double confidence, boolean handoff) {
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
        metrics.conversationStarted(channel);
        LOG.info("conversation started id={} channel={} locale={}", id, channel, language.code());
        return new Started(id, token, state, stored);
    }

    /** Answers one user message; returns only after the user message and the replies are stored. */
    public Turn post(String id, String token, String text) {
        return post(id, token, text, PipelinedCheck.NONE);
    }

    /** The same, after {@code before} (the request's rate limits) passed; the store may run it with its first call. */
    public Turn post(String id, String token, String text, PipelinedCheck before) {
        return post(id, token, text, before, null);
    }

    /**
     * The same, exactly once per {@code idempotencyKey} (or null): a retry of a turn that was stored (even one
     * whose answer was lost or was a 503) gets the stored result and stores nothing.
     */
    public Turn post(String id, String token, String text, PipelinedCheck before, String idempotencyKey) {
        return post(id, token, text, before, () -> { }, idempotencyKey);
    }

    /**
     * The same; {@code refused} runs when the conversation is unknown or the token wrong (it may throw, e.g. a 429
     * for the sender's address): such requests are charged to the sender, never to the conversation's limit.
     */
    public Turn post(String id, String token, String text, PipelinedCheck before, Runnable refused,
                     String idempotencyKey) {
        return post(id, token, text, before, refused, idempotencyKey, ContactPolicy.ANY);
    }

    /**
     * The same under {@code contact}: the web API's {@link ContactPolicy#withConsent} stores contact details only
     * with the privacy-notice consent given with them, and refuses them otherwise ({@link ConsentRequiredException},
     * nothing stored).
     */
    public Turn post(String id, String token, String text, PipelinedCheck before, Runnable refused,
                     String idempotencyKey, ContactPolicy contact) {
        return turn(id, found -> {
            try {
                return checkToken(found, token);
            } catch (ConversationNotFoundException | InvalidTokenException e) {
                refused.run();
                throw e;
            }
        }, text, before, idempotencyKey == null ? null : "web:" + idempotencyKey, contact);
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
        return turn(id, found -> found.orElseThrow(ConversationNotFoundException::new), text, PipelinedCheck.NONE,
                deliveryKey, ContactPolicy.ANY);
    }

    public boolean exists(String id) {
        return store.find(id).isPresent();
    }

    private Turn turn(String id, java.util.function.Function<java.util.Optional<ConversationState>, ConversationState> access,
                      String text, PipelinedCheck before, String turnKey, ContactPolicy contact) {
        long t0 = System.nanoTime();
        // Usually one round trip to Redis: a turn without a ticket is planned from the state and committed by
        // the store if nothing changed meanwhile (limits checked in the same step); one with a ticket takes the lock.
        Turn turn = store.planTurn(id, before, feed, found -> {
            ConversationState state = access.apply(found);
            Instant now = clock.instant();
            TurnResult result = engine.respond(state, text, now);
            if (result.handoffReason() != null || result.contact() != null && result.state().ticketId() != null) {
                return null;
            }
            // A question the bot could not answer well is kept for staff in the same step as the turn.
            return new TurnPlan<>(result.state(), userAndReplies(text, now, result),
                    stored -> turnOf(result, stored, null, false), unansweredEntry(text, result, now),
                    record(turnKey, result), done -> replayed(id, done));
        }, found -> lockedTurn(id, access.apply(found), text, turnKey, contact));
        if (turn.replayed()) {
            LOG.info("turn conversation={} replayed (stored before under its idempotency key)", id);
            return turn;
        }
        // The ticket first, so a console that learns of it also gets the messages that opened it.
        if (turn.changedTicket() != null) {
            feed.ticketChanged(turn.changedTicket());
            if (webhook != null && turn.ticketOpened()) {
                webhook.ticketOpened(turn.changedTicket());
            }
            List<Message> all = new ArrayList<>();
            all.add(turn.userMessage());
            all.addAll(turn.replies());
            feed.publish(id, all);
        }
        metrics.turn(turn.channel(), turn.language(), turn.intent(), turn.ticketOpened(),
                java.time.Duration.ofNanos(System.nanoTime() - t0));
        LOG.info("turn conversation={} intent={} confidence={} handoff={} ms={}", id, turn.intent(),
                String.format(java.util.Locale.ROOT, "%.2f", turn.confidence()), turn.handoff(),
                (System.nanoTime() - t0) / 1_000_000);
        if (LOG.isDebugEnabled()) {
            LOG.debug("turn conversation={} text={}", id, text);
        }
        return turn;
    }

    /** A turn that opens or changes a ticket: under the conversation's lock, the ticket before the messages. */
    private Turn lockedTurn(String id, ConversationState state, String text, String turnKey, ContactPolicy contact) {
        if (turnKey != null) {
            java.util.Optional<StoredTurn> done = store.storedTurn(id, turnKey);
            if (done.isPresent()) {
                return replayed(id, done.get());
            }
        }
        Instant now = clock.instant();
        TurnResult result = engine.respond(state, text, now);
        ConversationState next = result.state();
        Ticket changed = null;
        boolean opened = false;
        List<Message> toStore = userAndReplies(text, now, result);
        CommitWrite opening = null;
        if (result.handoffReason() != null) {
            // The ticket is opened in the same commit as the turn: a turn that could not be stored (503) leaves no
            // ticket, and a stored one always has its ticket.
            Ticket ticket = new Ticket(Tokens.random(12), id, next.channel(), next.locale(), result.handoffReason(),
                    Ticket.WAITING, null, now, now, next.recentTurns(), null);
            String answers = engine.eligibilitySummary(state);
            opening = tickets.opening(ticket, answers == null ? null
                    : new kr.daejeon.battery.escalation.Note("assistant", answers, now));
            changed = ticket;
            opened = true;
            next = next.withTicket(ticket.id());
            // Under this conversation's lock, but other conversations may join the queue meanwhile: a good estimate.
            toStore.add(engine.queuePosition(Language.fromCode(next.locale()), tickets.waitingCount() + 1, now));
            LOG.info("handoff conversation={} ticket={} reason={}", id, ticket.id(), result.handoffReason());
        }
        kr.daejeon.battery.escalation.ContactConsent consent = null;
        if (result.contact() != null && next.ticketId() != null && contact.consentRequired()) {
            // No consent to the privacy notice, no storing: refused before anything of this turn is kept.
            if (contact.consent() == null) {
                throw new ConsentRequiredException();
            }
            consent = new kr.daejeon.battery.escalation.ContactConsent(contact.consent().noticeVersion(), now,
                    contact.consent().items());
        }
        if (result.contact() != null && next.ticketId() != null
                && tickets.setContact(next.ticketId(), result.contact(), consent)) {
            changed = tickets.find(next.ticketId()).orElse(null);
            LOG.info("contact details attached to ticket={}", next.ticketId());
        }
        // Without a ticket change the store may announce the messages as it stores them (one round trip
        // less); a new or changed ticket must reach consoles before the messages that belong to it.
        TurnRecord record = record(turnKey, result);
        List<Message> stored = changed == null ? store.appendAndPublish(next, toStore, feed, record)
                : store.append(next, toStore, record, opening);
        ListEntry<?> unansweredEntry = unansweredEntry(text, result, now);
        if (unansweredEntry != null) {
            unansweredEntry.addSeparately();
        }
        return turnOf(result, stored, changed, opened);
    }

    private static TurnRecord record(String turnKey, TurnResult result) {
        return turnKey == null ? null : new TurnRecord(turnKey, kr.daejeon.battery.session.JsonCodec.write(
                new Summary(result.intent(), result.confidence(), result.state().isHandoff())));
    }

    /** The result of a turn stored before under the same key, from the transcript. */
    private Turn replayed(String id, StoredTurn done) {
        Summary summary = kr.daejeon.battery.session.JsonCodec.read(done.summary(), Summary.class);
        List<Message> messages = store.messagesAfter(id, done.firstId() - 1, done.count());
        if (messages.isEmpty()) {
            throw new ConversationNotFoundException();
        }
        return new Turn(summary.intent(), summary.confidence(), summary.handoff(), messages.get(0),
                messages.subList(1, messages.size()), null, false, null, null, List.of(), true, false);
    }

    private ListEntry<?> unansweredEntry(String text, TurnResult result, Instant now) {
        ConversationState next = result.state();
        return unanswered.entryFor(text, next.locale(), result.intent(), result.confidence(),
                result.ranking() == null ? List.of() : result.ranking(), next.id(), next.channel(), now);
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
        List<Message> stored = store.withLockedState(id, found -> {
            ConversationState state = checkToken(found, token);
            if (language.code().equals(state.locale()) || state.isHandoff()) {
                return List.<Message>of();
            }
            Instant now = clock.instant();
            return store.appendAndPublish(state.withLocale(language.code()).withTurn(language.code(), state.status(),
                    state.misses(), now), List.of(engine.greeting(language, now)), feed);
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
