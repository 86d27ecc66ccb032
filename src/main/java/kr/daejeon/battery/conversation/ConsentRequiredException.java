package kr.daejeon.battery.conversation;

/** Contact details sent without consent to the privacy notice: nothing of the message is stored (a 400). */
public final class ConsentRequiredException extends RuntimeException {
    public ConsentRequiredException() {
        super("contact details need consent to the privacy notice", null, false, false);
    }
}
