package no.vern.connectors.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The mail domains to which manual tasks may go: {@code vern.connectors.task-domains}, or the domain of the
 * company profile's mail sender (the organisation's own, read when asked, so a profile change counts at once)
 * when none are configured. A task page shows whom to look for and takes an upload that becomes part of the
 * answer, so it goes to the organisation's staff only.
 */
final class TaskDomains {

    private final List<String> configured;
    private final Supplier<String> ownDomain;

    private TaskDomains(List<String> configured, Supplier<String> ownDomain) {
        this.configured = List.copyOf(configured);
        this.ownDomain = ownDomain;
    }

    static TaskDomains of(List<String> configured, Supplier<String> ownDomain) {
        return new TaskDomains(configured, ownDomain);
    }

    /** The domains allowed now. */
    List<String> domains() {
        if (!configured.isEmpty()) {
            return configured;
        }
        String own = ownDomain.get().strip().toLowerCase(Locale.ROOT);
        return own.isEmpty() ? List.of() : List.of(own);
    }

    /** Whether a normalised address is at one of the domains (exactly, not a subdomain). */
    boolean allows(@Nullable String address) {
        if (address == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        return at > 0 && domains().contains(address.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
