package kr.daejeon.battery.nlu;

import java.util.regex.Pattern;

/**
 * "얼마줘요?", "지원금 얼마야", "얼마 받을 수 있어?", "how much do we get?": a question for an amount that names nothing
 * else. On its own it asks what the program gives (the classifier, which learns from nouns, finds no topic in it and
 * reads the 반말 forms as out of scope); beside another question it asks the same; right after an answer it continues that
 * answer (a course's fee), which the dialogue context decides before this is asked.
 */
public final class BareAmount {

    private static final Pattern KO = Pattern.compile(
            "^(?:그리고|그럼|근데|그래서)?\\s*(?:(?:지원금|지원 금액|지원금액|금액|돈)(?:은|이|는)?\\s*)?(?:최대|총|보통|대략)?\\s*얼마(?:나|까지|정도)?\\s*"
                    + "(?:예요|에요|야|임|인가요|이에요|일까요|죠|요|줘요|줘|주나요|주세요|줌|준대요|받아요|받아|받나요|받음|받을 수 있어요|받을 수 있어|"
                    + "받을 수 있나요|받을 수 있을까요|받을수 있어요|받을수 있어|받을수있어요|받을수있어|받을 수 있는데요|나와요|나와|나오나요|나옴|나오는데요|"
                    + "돼요|돼|되나요|되요|됨|지원돼요|지원되나요|지원돼|지원해 줘요|지원해줘요|지원해 주나요|지원해줘|해 줘요|해줘요|해줘|해 주나요)?\\s*[?？.!~]*$");
    private static final Pattern EN = Pattern.compile(
            "^(?:(?:and|also|so|ok|okay)\\s+)?how much(?:\\s+(?:is it|do we get|do i get|can we get|can i get|could we get|would we get|will we get|"
                    + "would it be|money|funding|money is it|is the funding|is the grant|do you give|do you pay|money do we get|funding do we get))?\\s*[?？.!]*$",
            Pattern.CASE_INSENSITIVE);

    private BareAmount() {
    }

    public static boolean asks(String question) {
        String t = question == null ? "" : question.strip().replaceAll("\\s+", " ");
        return KO.matcher(t).matches() || EN.matcher(t).matches();
    }
}
