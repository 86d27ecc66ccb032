package kr.daejeon.battery.nlu;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Recognises a bare yes or no — the answer to a question the bot asked ("담당자와 직접 상담하시겠어요?").
 * Only whole short replies count: "네, 그런데 마감은 언제예요?" is a question, not a yes.
 */
public final class YesNo {

    public enum Reply { YES, NO }

    private static final Pattern YES = Pattern.compile(
            "^(?:네+|넵+|넹|예|응+|어+|ㅇㅇ|ㅇㅋ|오케이|okay|ok|yes|yeah|yep|yup|sure|please|of course|definitely|absolutely|"
                    + "좋아요|좋습니다|좋아|좋죠|그래요|그래|그래 주세요|그래주세요|그래 줘|그래줘|그럴게요|그렇게 해 주세요|그렇게 해주세요|부탁해요|부탁드려요|부탁드립니다|부탁합니다|"
                    + "네 부탁해요|네 부탁드려요|네 부탁드립니다|네 좋아요|네 연결해 주세요|네 연결해주세요|연결해 주세요|연결해주세요|맞아요|맞습니다|"
                    + "yes please|yes pls|pls|yeah sure|sure thing|please do|go ahead|that would be great|yes connect me|네 해 주세요|네 해주세요|해 주세요|해주세요|"
                    + "할게요|할래요|네 할게요|네 확인할게요|확인해 주세요|확인해주세요|yes i would|i would|i'd like that)"
                    + "(?:\\s*(?:please|thanks|thank you|요|감사합니다))?$");
    private static final Pattern NO = Pattern.compile(
            "^(?:아니요|아니오|아뇨|아니|아니에요|아닙니다|노|no|nope|nah|no thanks|no thx|nah thanks|no thank you|not now|not really|"
                    + "괜찮아요|괜찮습니다|괜찮아|됐어요|됐어|아니 괜찮아|아니요 됐어요|아뇨 됐어요|됐습니다|안 할게요|안할게요|다음에요|다음에 할게요|나중에요|나중에 할게요|필요 없어요|필요없어요|"
                    + "아니요 괜찮아요|아니요 괜찮습니다|아뇨 괜찮아요|no it's fine|it's ok|it's okay|that's ok|that's okay|i'm fine|i'm good|maybe later|later)"
                    + "(?:\\s*(?:thanks|thank you|감사합니다|고맙습니다))?$");

    private YesNo() {
    }

    /** YES, NO, or null when the text is not a bare yes/no. */
    public static Reply of(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toLowerCase(Locale.ROOT).replace('’', '\'')
                .replaceAll("[.!?~,^:;)(…]+|[\\p{So}\\p{Sk}]+", " ").replaceAll("\\s+", " ").strip();
        if (t.isEmpty() || t.length() > 30) {
            return null;
        }
        if (NO.matcher(t).matches()) {
            return Reply.NO;
        }
        if (YES.matcher(t).matches()) {
            return Reply.YES;
        }
        return null;
    }
}
