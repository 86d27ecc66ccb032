package kr.daejeon.battery.staff;

import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.escalation.Note;
import kr.daejeon.battery.escalation.Ticket;

/**
 * What the console shows of a ticket: the ticket, the customer's last message, how long they have
 * waited and, in the detail view, the full transcript.
 */
public record TicketView(Ticket ticket, long waitingSeconds, String lastCustomerMessage, List<Message> transcript,
                         List<Note> notes) {
}
