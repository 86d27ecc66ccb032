package kr.daejeon.battery.escalation;

import java.util.ArrayList;
import java.util.List;
import kr.daejeon.battery.conversation.Message;
import kr.daejeon.battery.conversation.Sender;

/**
 * The e-mail that carries a staff reply to a customer who left an address after hours: plain text and
 * HTML, in the customer's language, quoting what they asked. Every piece of customer or staff text is
 * HTML-escaped in the HTML part (a customer who wrote {@code <script>} gets it back as text).
 */
public record FollowUpMail(String subject, String text, String html) {

    private static final int QUOTED = 3;

    public static FollowUpMail of(String language, String staffName, String reply, List<Message> transcript) {
        boolean en = "en".equals(language);
        List<String> asked = new ArrayList<>();
        for (int i = transcript.size() - 1; i >= 0 && asked.size() < QUOTED; i--) {
            Message m = transcript.get(i);
            if (m.from() == Sender.USER && !ContactDetails.find(m.text()).isPresent()) {
                asked.add(0, m.text());
            }
        }
        String subject = en ? "[Daejeon Technopark] Reply to your secondary-battery program inquiry"
                : "[대전테크노파크] 이차전지 산업 지원사업 문의에 대한 답변";
        String greeting = en ? "Hello," : "안녕하세요.";
        String intro = en ? staffName + " of the program office replies to your inquiry:"
                : "문의하신 내용에 " + staffName + " 담당자가 답변드립니다.";
        String askedLabel = en ? "You asked:" : "문의하신 내용:";
        String footer = en ? "This reply is also in your conversation in the website chat: open the chat again to continue."
                : "이 답변은 웹사이트 상담창의 대화에도 저장되어 있습니다. 상담창을 다시 열어 이어서 문의하실 수 있습니다.";

        StringBuilder text = new StringBuilder(greeting).append("\n\n").append(intro).append("\n\n").append(reply).append("\n\n");
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"").append(en ? "en" : "ko").append("\"><body>")
                .append("<p>").append(escape(greeting)).append("</p><p>").append(escape(intro)).append("</p>")
                .append("<div style=\"white-space:pre-wrap;border-left:4px solid #1560a8;padding:8px 12px\">")
                .append(escape(reply)).append("</div>");
        if (!asked.isEmpty()) {
            text.append("---\n").append(askedLabel).append('\n');
            html.append("<p style=\"color:#55606c\">").append(escape(askedLabel)).append("</p>");
            for (String q : asked) {
                text.append("> ").append(q.replace("\n", "\n> ")).append('\n');
                html.append("<blockquote style=\"white-space:pre-wrap;color:#55606c\">").append(escape(q)).append("</blockquote>");
            }
            text.append('\n');
        }
        text.append(footer).append('\n');
        html.append("<p style=\"color:#55606c;font-size:13px\">").append(escape(footer)).append("</p></body></html>");
        return new FollowUpMail(subject, text.toString(), html.toString());
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
