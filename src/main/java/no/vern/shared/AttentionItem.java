package no.vern.shared;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing on the console's "needs attention" list (a request due tomorrow, a breach with 20 hours
 * left, an agreement that expires), supplied by the module that knows it, with the action that clears
 * it. Items carry message keys, opaque references and counts, never personal data.
 *
 * <p>The list is ranked by {@link #dueAt()}: what is due first comes first; items without a deadline
 * follow, the more severe first.
 *
 * @param source the module that supplies it (e.g. {@code requests}), for grouping and tests
 * @param titleKey message key of the line ("Innsynskrav forfaller")
 * @param titleArgs arguments of the line: counts, case references, purpose names; never personal data
 * @param dueAt when it must be done, or {@code null} when it has no deadline
 * @param severity how bad it is when nothing is done
 * @param actionKey message key of the action that clears it ("Åpne saken")
 * @param link where the action is, under {@code /console/}
 * @param roles roles (without {@code ROLE_}) that see it; empty means every staff user
 */
public record AttentionItem(String source, String titleKey, List<String> titleArgs, @Nullable Instant dueAt,
        Severity severity, String actionKey, String link, List<String> roles) {

    public AttentionItem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(titleKey, "titleKey");
        titleArgs = List.copyOf(titleArgs);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(actionKey, "actionKey");
        if (!link.startsWith("/console/")) {
            throw new IllegalArgumentException("an attention link leads into the console");
        }
        roles = List.copyOf(roles);
    }

    /** How bad it is when nothing is done; orders items without a deadline. */
    public enum Severity {
        /** A legal deadline runs or has run out. */
        CRITICAL,
        /** Something is overdue or about to be. */
        WARNING,
        /** Worth doing soon. */
        NOTICE
    }

    /** Supplies items when the console home renders; implementations must be fast and read-only. */
    public interface Source {

        /** The items of this module as of now. */
        List<AttentionItem> items();
    }
}
