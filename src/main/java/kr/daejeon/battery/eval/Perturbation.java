package kr.daejeon.battery.eval;

import java.util.Random;
import kr.daejeon.battery.nlu.Language;

/**
 * How a question is changed before it is asked, to see whether the assistant holds up against the
 * way people really write: an opener in front, one typing slip, or (Korean) no spaces at all.
 */
public enum Perturbation {
    PLAIN("plain"),
    OPENER("opener"),
    TYPO("typo"),
    NO_SPACES("no spaces");

    private final String label;

    Perturbation(String label) {
        this.label = label;
    }

    /** A short name for tables: Korean typos are jamo slips, English ones letter slips. */
    public String label(Language language) {
        if (this == TYPO) {
            return language == Language.KO ? "jamo slip" : "letter slip";
        }
        return label;
    }

    /** Whether the change means anything in this language (English without spaces is not how anyone writes). */
    public boolean appliesTo(Language language) {
        return this != NO_SPACES || language == Language.KO;
    }

    /**
     * Whether the change is realistic for this question: an opener goes in front of a question that
     * has none yet, not in front of a greeting or a goodbye.
     */
    public boolean appliesTo(EvalQuestion question) {
        if (!appliesTo(question.language())) {
            return false;
        }
        return this != OPENER || (!NOT_QUESTIONS.contains(question.intent())
                && !Openers.opensWithOne(question.text(), question.language()));
    }

    private static final java.util.Set<String> NOT_QUESTIONS = java.util.Set.of("greeting", "goodbye");

    /**
     * The changed text. Each question gets its own random source from {@code seed} and its text, so a
     * question's variant does not depend on which other questions are in the set.
     */
    public String apply(String text, Language language, long seed) {
        Random random = new Random(seed * 31 + text.hashCode() * 7L + ordinal());
        return switch (this) {
            case PLAIN -> text;
            case OPENER -> Openers.pick(language, random) + text;
            case TYPO -> language == Language.KO ? TypingSlips.hangulSlip(text, random) : TypingSlips.letterSlip(text, random);
            case NO_SPACES -> text.replaceAll("\\s+", "");
        };
    }
}
