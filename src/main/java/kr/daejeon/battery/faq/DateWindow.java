package kr.daejeon.battery.faq;

import java.time.OffsetDateTime;

/**
 * A named date in an FAQ entry: either a window ({@code opens}/{@code closes}) or a single
 * moment ({@code at}, kept in {@code closes} with {@code opens} null).
 */
public record DateWindow(String name, OffsetDateTime opens, OffsetDateTime closes, LocalizedText noun) {

    public boolean isWindow() {
        return opens != null;
    }
}
