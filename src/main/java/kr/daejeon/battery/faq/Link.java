package kr.daejeon.battery.faq;

/** A link shown with an answer; {@code example} marks an address the program office must verify. */
public record Link(LocalizedText label, String url, boolean example) {
}
