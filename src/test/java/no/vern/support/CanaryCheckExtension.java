package no.vern.support;

import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Registered for every test class (auto-detected through {@code META-INF/services}): fails the
 * class if any log line written while it ran contained a canary value (rule 1). Nothing is discarded: a line
 * written between classes (a cached context's background work) fails the next class to finish, so no leak goes
 * unreported.
 */
public final class CanaryCheckExtension implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        // Leaks written before this class started are reported by the next afterAll, never dropped.
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<String> leaks = CanaryAppender.drain();
        if (!leaks.isEmpty()) {
            throw new AssertionError("Personal data (canary values) appeared in " + leaks.size()
                    + " log line(s) while " + context.getDisplayName() + " (or since the class before it) ran:\n  " + String.join("\n  ", leaks));
        }
    }
}
