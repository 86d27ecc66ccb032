package kr.daejeon.battery.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.LoggerFactory;

/** Switches the console log to JSON lines when configured ({@code LOG_FORMAT=json}); text is logback.xml's default. */
public final class LogFormat {

    static final String TEXT_APPENDER = "TEXT";

    private LogFormat() {
    }

    public static void apply(String format) {
        if (!"json".equals(format) || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender("JSON") != null) {
            return;
        }
        JsonLogEncoder encoder = new JsonLogEncoder();
        encoder.setContext(context);
        encoder.start();
        ConsoleAppender<ILoggingEvent> json = new ConsoleAppender<>();
        json.setName("JSON");
        json.setContext(context);
        json.setEncoder(encoder);
        json.start();
        root.addAppender(json);
        root.detachAppender(TEXT_APPENDER);
    }
}
