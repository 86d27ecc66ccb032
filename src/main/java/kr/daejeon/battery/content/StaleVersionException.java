package kr.daejeon.battery.content;

/** A change was based on a version that is no longer the current one: nothing was written. */
public final class StaleVersionException extends RuntimeException {

    public final long expected;
    public final long current;

    public StaleVersionException(long expected, long current) {
        super("the content is at version " + current + ", not " + expected + "; reload and try again");
        this.expected = expected;
        this.current = current;
    }
}
