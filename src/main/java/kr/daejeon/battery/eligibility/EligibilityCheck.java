package kr.daejeon.battery.eligibility;

import java.util.LinkedHashMap;
import java.util.Map;

/** Where a conversation is in the pre-check: the question being asked and the answers so far. Stored with the conversation. */
public record EligibilityCheck(int step, Map<String, String> answers) {

    public EligibilityCheck {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    public static EligibilityCheck begin() {
        return new EligibilityCheck(0, Map.of());
    }

    EligibilityCheck answered(String question, String value) {
        Map<String, String> next = new LinkedHashMap<>(answers);
        next.put(question, value);
        return new EligibilityCheck(step + 1, next);
    }
}
