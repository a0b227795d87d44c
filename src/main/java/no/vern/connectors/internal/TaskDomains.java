package no.vern.connectors.internal;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The mail domains to which manual tasks may go: {@code vern.connectors.task-domains}, or the domain of
 * {@code vern.mail.from} (the organisation's own) when none are configured. A task page shows whom to look for
 * and takes an upload that becomes part of the answer, so it goes to the organisation's staff only.
 */
record TaskDomains(List<String> domains) {

    TaskDomains {
        domains = List.copyOf(domains);
    }

    static TaskDomains of(List<String> configured, String mailFrom) {
        if (!configured.isEmpty()) {
            return new TaskDomains(configured);
        }
        int at = mailFrom.lastIndexOf('@');
        return new TaskDomains(at < 0 ? List.of() : List.of(mailFrom.substring(at + 1).strip().toLowerCase(Locale.ROOT)));
    }

    /** Whether a normalised address is at one of the domains (exactly, not a subdomain). */
    boolean allows(@Nullable String address) {
        if (address == null) {
            return false;
        }
        int at = address.lastIndexOf('@');
        return at > 0 && domains.contains(address.substring(at + 1).toLowerCase(Locale.ROOT));
    }
}
