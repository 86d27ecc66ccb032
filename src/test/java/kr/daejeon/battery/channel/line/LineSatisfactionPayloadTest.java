package kr.daejeon.battery.channel.line;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.escalation.HandoffReason;
import kr.daejeon.battery.escalation.SatisfactionSurvey;
import kr.daejeon.battery.escalation.Ticket;
import kr.daejeon.battery.escalation.TicketStatus;
import org.junit.jupiter.api.Test;

/** The satisfaction question on LINE: five postback quick replies naming the ticket, in the customer's language. */
class LineSatisfactionPayloadTest {

    @Test
    @SuppressWarnings("unchecked")
    void theQuestionCarriesFiveScoresAsPostbacks() {
        Instant now = Instant.parse("2027-03-02T01:00:00Z");
        Ticket t = new Ticket("tk123", "c1", "line", "en", HandoffReason.USER_REQUEST, TicketStatus.RESOLVED, "kim", now, now, List.of(), null);
        Message ask = SatisfactionSurvey.ask(t, kr.daejeon.battery.nlu.Language.EN, now).withId(9);
        List<Map<String, Object>> out = LineChannel.messages(List.of(ask));
        Map<String, Object> quick = (Map<String, Object>) out.get(out.size() - 1).get("quickReply");
        List<Map<String, Object>> items = (List<Map<String, Object>>) quick.get("items");
        assertEquals(5, items.size());
        Map<String, Object> five = (Map<String, Object>) items.get(4).get("action");
        assertEquals("postback", five.get("type"));
        assertEquals("csat:tk123:5", five.get("data"));
        assertEquals("5 Excellent", five.get("label"));
    }
}
