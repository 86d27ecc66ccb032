package kr.daejeon.battery.eligibility;

/** What one rule says about a company's answer. */
public enum Verdict {
    /** The answer meets the rule. */
    PASS,
    /** It meets the rule only if something is true by the application deadline (a move to Daejeon). */
    ONLY_IF,
    /** Not known from the answers, or the public rule does not settle it: the program office decides. */
    ASK,
    /** The answer does not meet the rule. */
    FAIL
}
