package kr.daejeon.battery.nlu;

/** A training or evaluation example: what somebody wrote and what they meant. */
public record LabeledUtterance(String text, String intent, Language language) {
}
