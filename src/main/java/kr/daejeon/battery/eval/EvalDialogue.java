package kr.daejeon.battery.eval;

import kr.daejeon.battery.nlu.Language;

/**
 * A two-turn dialogue of a frozen set: the second message only makes sense after the first
 * ("그건 누가 신청해요?" after a training answer); {@code expectedIntent} is the second reply's.
 *
 * @param language what the two messages are written in (from their letters; the file has no column)
 */
public record EvalDialogue(String first, String second, String expectedIntent, Language language, String source) {
}
