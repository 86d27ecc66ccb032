package kr.daejeon.battery.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.daejeon.battery.nlu.Language;

/**
 * The privacy notice (개인정보 수집·이용 안내) shown before a customer leaves contact details. Served by the API so the
 * period it states is the configured {@code retention_days} the server enforces, not a figure written into the widget.
 * {@link #VERSION} is what a consent names; change it with the wording.
 */
public final class PrivacyNotice {

    /** The version of the wording below, sent back with the customer's consent and kept on the ticket. */
    public static final String VERSION = "2026-12-02";
    /** The program office's full privacy policy. */
    public static final String POLICY_URL = "https://www.djtp.or.kr/";

    private final int retentionDays;

    public PrivacyNotice(int retentionDays) {
        this.retentionDays = retentionDays;
    }

    /** One row of the notice: what it is about, and what it says. */
    public record Item(String term, String description) {
    }

    /** The notice in {@code language}, as the API sends it. */
    public Map<String, Object> in(Language language) {
        boolean ko = language == Language.KO;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", VERSION);
        out.put("locale", language.code());
        out.put("retentionDays", retentionDays);
        out.put("title", ko ? "개인정보 수집·이용 안내" : "How we use your contact details");
        out.put("items", ko ? List.of(
                new Item("수집 목적", "상담 답변을 드리기 위한 연락"),
                new Item("수집 항목", "이메일 주소, 전화번호 (하나 또는 둘 다)"),
                new Item("보유 기간", "문의가 마지막으로 처리된 날부터 " + retentionDays + "일, 이후 지체 없이 파기"),
                new Item("동의 거부 권리", "동의하지 않으셔도 됩니다. 연락처를 남기지 않으시면 다음 상담 시간에 이 채팅에서 답변을 확인하실 수 있어요."))
                : List.of(
                new Item("Purpose", "to contact you with the answer"),
                new Item("Items", "an e-mail address and/or a phone number"),
                new Item("Kept for", retentionDays + " days after the inquiry was last handled, then deleted"),
                new Item("Your right to refuse", "You do not have to give them. Without them, you can read the answer in this chat during office hours.")));
        out.put("moreLabel", ko ? "전체 안내: 대전테크노파크 개인정보처리방침" : "Full notice: Daejeon Technopark privacy policy");
        out.put("moreUrl", POLICY_URL);
        out.put("consent", ko ? "위 안내를 읽었으며 연락처 수집·이용에 동의합니다."
                : "I have read the notice above and agree to my contact details being collected and used.");
        out.put("consentItems", List.of("email", "phone"));
        return out;
    }
}
