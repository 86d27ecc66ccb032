package kr.daejeon.battery.staff;

import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.escalation.Note;
import kr.daejeon.battery.escalation.Ticket;

/**
 * What the console shows of a ticket: the ticket, the customer's last real question, how long they have
 * waited, whether it was opened outside business hours (why a contact was or was not asked for) and, in the
 * detail view, the full transcript.
 */
public record TicketView(Ticket ticket, long waitingSeconds, String lastCustomerMessage, boolean openedAfterHours,
                         List<Message> transcript, List<Note> notes) {
}
