package kr.daejeon.battery.escalation;

import io.vertx.core.Vertx;
import io.vertx.ext.mail.LoginOption;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailConfig;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.StartTLSOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import kr.daejeon.battery.channel.DeadLetter;
import kr.daejeon.battery.channel.DeadLetterLog;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Tokens;
import kr.daejeon.battery.metrics.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends staff replies by e-mail to customers who left an address (Vert.x mail client, asynchronous).
 * The reply is already stored in the transcript before this is called, so a failed send never loses
 * it: a send is retried after each of {@link MailSettings#retries()}, and the outcome is written on the
 * ticket as a note (sent, or given up with the reason) and, when given up, in the dead letters staff
 * see in the console. Retries wait in this process: a node stopped meanwhile drops them (the note says
 * nothing was sent, and the reply is in the transcript).
 */
public final class FollowUpMailer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpMailer.class);
    /** Author of the notes this writes; a staff account cannot be called this (it has a space). */
    public static final String NOTE_AUTHOR = "메일 발송 · e-mail";
    public static final String CHANNEL = "email";

    private final Vertx vertx;
    private final MailSettings settings;
    private final MailClient client;
    private final TicketStore tickets;
    private final DeadLetterLog deadLetters;
    private final ServiceMetrics metrics;
    private final Clock clock;

    public FollowUpMailer(Vertx vertx, MailSettings settings, TicketStore tickets, DeadLetterLog deadLetters,
                          ServiceMetrics metrics, Clock clock) {
        this.vertx = vertx;
        this.settings = settings;
        this.tickets = tickets;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.clock = clock;
        MailConfig config = new MailConfig().setHostname(settings.host()).setPort(settings.port())
                .setStarttls("starttls".equals(settings.tls()) ? StartTLSOptions.REQUIRED : StartTLSOptions.DISABLED)
                .setSsl("ssl".equals(settings.tls())).setKeepAlive(false)
                .setConnectTimeout(10_000).setIdleTimeout(60);
        if (settings.username() != null) {
            config.setUsername(settings.username()).setPassword(settings.password()).setLogin(LoginOption.REQUIRED);
        } else {
            config.setLogin(LoginOption.DISABLED);
        }
        this.client = MailClient.create(vertx, config);
    }

    /** Whether a reply on this ticket goes out by e-mail: the customer left an address. */
    public static boolean applies(Ticket t) {
        return ContactDetails.emailOf(t.contact()).isPresent();
    }

    /** Sends {@code reply} to the ticket's address; returns at once, the outcome lands on the ticket. */
    public void send(Ticket ticket, String staffName, String reply, List<Message> transcript) {
        FollowUpMail mail = FollowUpMail.of(ticket.language(), staffName, reply, transcript);
        MailMessage message = new MailMessage().setFrom(settings.from()).setTo(ContactDetails.emailOf(ticket.contact()).orElseThrow())
                .setSubject(mail.subject()).setText(mail.text()).setHtml(mail.html());
        attempt(ticket, message, reply, 0);
    }

    private void attempt(Ticket ticket, MailMessage message, String reply, int failures) {
        client.sendMail(message).onComplete(ar -> {
            if (ar.succeeded()) {
                metrics.delivery(CHANNEL, "delivered");
                note(ticket, "고객 메일로 답장을 보냈습니다 · Reply e-mailed to " + message.getTo().get(0));
                return;
            }
            String reason = ar.cause().getClass().getSimpleName() + ": " + ar.cause().getMessage();
            if (failures < settings.retries().size()) {
                Duration wait = settings.retries().get(failures);
                metrics.delivery(CHANNEL, "retried");
                LOG.warn("follow-up e-mail for ticket {} failed (attempt {}), retrying in {} s: {}", ticket.id(), failures + 1,
                        wait.toSeconds(), reason);
                vertx.setTimer(wait.toMillis(), t -> attempt(ticket, message, reply, failures + 1));
                return;
            }
            metrics.delivery(CHANNEL, "failed");
            LOG.error("follow-up e-mail for ticket {} given up after {} attempts: {}", ticket.id(), failures + 1, reason);
            note(ticket, "메일 발송 실패 (" + (failures + 1) + "회 시도): " + reason
                    + ". 답장은 대화에 저장되어 있습니다 — 고객에게 직접 연락하세요. · E-mail failed; the reply is in the transcript.");
            vertx.executeBlocking(() -> {
                deadLetters.add(new DeadLetter(Tokens.random(9), CHANNEL, ticket.conversationId(), "sendMail", reply, reason,
                        failures + 1, clock.instant()));
                return null;
            }, false);
        });
    }

    private void note(Ticket ticket, String text) {
        vertx.executeBlocking(() -> {
            tickets.addNote(ticket.id(), new Note(NOTE_AUTHOR, text, clock.instant()));
            return null;
        }, false).onFailure(e -> LOG.error("could not record the e-mail outcome on ticket {}", ticket.id(), e));
    }

    @Override
    public void close() {
        client.close();
    }
}
