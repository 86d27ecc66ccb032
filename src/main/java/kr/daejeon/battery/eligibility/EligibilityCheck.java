package kr.daejeon.battery.eligibility;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import kr.daejeon.battery.profile.CompanyProfile;

/**
 * Where a conversation is in the pre-check: the question being asked, the answers so far, an answer
 * understood from free text that waits for the company's "네", and what the company has said about
 * itself. Stored with the conversation (plain values; a check stored before {@code pending} and
 * {@code profile} existed reads back with both null).
 *
 * @param step the index of the question being asked; the number of questions once finished
 * @param pending the value understood for the current question, not yet confirmed; null when none
 * @param profile what the company said about itself, in this check and before it; null when nothing
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EligibilityCheck(int step, Map<String, String> answers, String pending, CompanyProfile profile) {

    @JsonCreator
    public EligibilityCheck {
        answers = answers == null ? Map.of() : Map.copyOf(answers);
    }

    public EligibilityCheck(int step, Map<String, String> answers) {
        this(step, answers, null, null);
    }

    public static EligibilityCheck begin() {
        return new EligibilityCheck(0, Map.of());
    }

    static EligibilityCheck begin(CompanyProfile known) {
        return new EligibilityCheck(0, Map.of(), null, known == null || known.isEmpty() ? null : known);
    }

    /** The known facts, never null. */
    CompanyProfile known() {
        return profile == null ? CompanyProfile.EMPTY : profile;
    }

    EligibilityCheck answered(String question, String value) {
        Map<String, String> next = new LinkedHashMap<>(answers);
        next.put(question, value);
        return new EligibilityCheck(step + 1, next, null, profile);
    }

    EligibilityCheck awaiting(String value) {
        return new EligibilityCheck(step, answers, value, profile);
    }

    EligibilityCheck learned(CompanyProfile newer) {
        CompanyProfile merged = known().merge(newer);
        return new EligibilityCheck(step, answers, pending, merged.isEmpty() ? null : merged);
    }

    EligibilityCheck finished(int questions) {
        return new EligibilityCheck(questions, answers, null, profile);
    }
}
