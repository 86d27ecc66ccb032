package kr.daejeon.battery.nlu;

import java.util.regex.Pattern;

/**
 * "직원 12명 매출 8억인데 선도로 넣을까요 유망으로?", "leading or promising?": which of the two tracks to apply to. One
 * question, though it may be written as two ("선도로 넣을까요? 유망으로?"), and the company's numbers before it pull the
 * answer towards the track's thresholds or its overview; what it asks is the choice between the tracks. Asking for
 * both at once ("둘 다 신청해도 돼요?") or for the difference ("뭐가 달라요?") is another question.
 */
public final class TrackChoice {

    /** The choice as the content phrases it, for looking the answer up. */
    public static final String KO_QUESTION = "선도기업과 유망기업 중 어느 트랙으로 신청해야 하나요?";
    public static final String EN_QUESTION = "Which track should we apply to, leading or promising?";

    /** A word that asks to choose: which, or "shall we …?", or "or else". */
    private static final String KO_CHOOSE = "(?:어느|어디로|뭐가 (?:맞|나|좋|유리)|뭘로|무엇으로|아니면|(?:넣을|낼|갈|할|신청할|지원할|쓸)까|좋을까|나을까|유리할까)";
    private static final Pattern KO_BOTH_NAMED = Pattern.compile(
            "(?:선도.*유망|유망.*선도).*" + KO_CHOOSE + "|" + KO_CHOOSE + ".*(?:선도.*유망|유망.*선도)"
                    + "|(?:선도|유망)(?:기업)?(?:으로|로)\\s*(?:넣|내|신청|지원|가).*(?:유망|선도)(?:기업)?(?:으로|로)?");
    private static final Pattern KO_WHICH_TRACK = Pattern.compile("어느 ?트랙|트랙 ?(?:선택|고르|골라)");
    private static final Pattern KO_OTHER_QUESTION = Pattern.compile("둘 ?다|같이|동시|중복|차이|다르|달라|다른 ?점|비교|각각|얼마|몇");
    private static final Pattern EN_CHOICE = Pattern.compile(
            "\\b(?:leading or promising|promising or leading|which track|which of the (?:two )?tracks|which one should we)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EN_OTHER_QUESTION = Pattern.compile(
            "\\b(?:both|differen\\w*|differ|compare\\w*|each|how much|how many)\\b", Pattern.CASE_INSENSITIVE);

    private TrackChoice() {
    }

    public static boolean asks(String text) {
        String t = text == null ? "" : text.strip();
        if (EN_CHOICE.matcher(t).find()) {
            return !EN_OTHER_QUESTION.matcher(t).find();
        }
        return (KO_BOTH_NAMED.matcher(t).find() || KO_WHICH_TRACK.matcher(t).find()) && !KO_OTHER_QUESTION.matcher(t).find();
    }
}
