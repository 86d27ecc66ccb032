package kr.daejeon.battery.faq;

/** A link shown with an answer; {@code example} marks an address the program office must verify. */
public record Link(LocalizedText label, String url, boolean example) {

    /**
     * Whether customers are offered it: a call button for an example number would dial a number that is not the
     * office's (the answer's text says it is an example; a button cannot).
     */
    public boolean offered() {
        return !(example && url.startsWith("tel:"));
    }
}
