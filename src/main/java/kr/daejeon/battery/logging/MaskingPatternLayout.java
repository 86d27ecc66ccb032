package kr.daejeon.battery.logging;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** The plain-text log layout, with {@link PiiMasker} applied to the whole line (message and stack trace). */
public final class MaskingPatternLayout extends PatternLayout {

    @Override
    public String doLayout(ILoggingEvent event) {
        return PiiMasker.mask(super.doLayout(event));
    }
}
