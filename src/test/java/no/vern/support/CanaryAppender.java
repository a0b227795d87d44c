package no.vern.support;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;

/**
 * Logback appender of the test run that records every log event mentioning a canary value, in
 * the message, the exception chain or the MDC. {@link CanaryCheckExtension} fails the test class
 * that produced it.
 */
public final class CanaryAppender extends AppenderBase<ILoggingEvent> {

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder text = new StringBuilder(String.valueOf(event.getFormattedMessage()));
        for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
            text.append(' ').append(t.getMessage());
        }
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            text.append(' ').append(mdc.values());
        }
        String lower = text.toString().toLowerCase(Locale.ROOT);
        for (String canary : Canaries.ALL) {
            if (lower.contains(canary.toLowerCase(Locale.ROOT))) {
                synchronized (LEAKS) {
                    LEAKS.add(event.getLoggerName() + ": " + event.getFormattedMessage());
                }
                return;
            }
        }
    }

    /** Returns and forgets the leaks seen so far. */
    static List<String> drain() {
        synchronized (LEAKS) {
            List<String> copy = List.copyOf(LEAKS);
            LEAKS.clear();
            return copy;
        }
    }
}
