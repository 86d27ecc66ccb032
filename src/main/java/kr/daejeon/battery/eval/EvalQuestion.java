package kr.daejeon.battery.eval;

import java.util.List;
import kr.daejeon.battery.nlu.Language;

/**
 * One line of a frozen question set. A message that asks two things carries both intents in the
 * order asked ({@code a|b} in the file); accuracy counts the first.
 *
 * @param source file and line, so a reported miss can be found in the set
 */
public record EvalQuestion(String text, Language language, List<String> intents, String source) {

    public EvalQuestion {
        if (intents.isEmpty()) {
            throw new IllegalArgumentException("a question needs an intent: " + source);
        }
        intents = List.copyOf(intents);
    }

    /** The intent accuracy is counted against: the first question's. */
    public String intent() {
        return intents.get(0);
    }

    public boolean asksTwo() {
        return intents.size() > 1;
    }

    public EvalQuestion withText(String newText) {
        return new EvalQuestion(newText, language, intents, source);
    }
}
