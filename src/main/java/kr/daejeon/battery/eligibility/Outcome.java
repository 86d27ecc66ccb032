package kr.daejeon.battery.eligibility;

import java.util.Collection;

/** What the pre-check says about one track. Only {@link #MAY_FIT} tells a company that it may fit as it is. */
public enum Outcome {
    MAY_FIT("fits"),
    /** May fit only under the relocation clause, if the move is confirmed by the deadline. */
    ONLY_IF_RELOCATED("only_if"),
    ASK_OFFICE("ask_office"),
    DOES_NOT_FIT("does_not_fit");

    private final String messageKey;

    Outcome(String messageKey) {
        this.messageKey = messageKey;
    }

    /** The key of the outcome's text in the rules' messages. */
    public String messageKey() {
        return messageKey;
    }

    /** A track's outcome from its rules' verdicts: one failed rule decides, then an open one, then a condition. */
    static Outcome of(Collection<Verdict> verdicts) {
        if (verdicts.contains(Verdict.FAIL)) {
            return DOES_NOT_FIT;
        }
        if (verdicts.contains(Verdict.ASK)) {
            return ASK_OFFICE;
        }
        return verdicts.contains(Verdict.ONLY_IF) ? ONLY_IF_RELOCATED : MAY_FIT;
    }
}
