package no.vern.shared;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An entry of the staff console's navigation, declared as a bean by the module that owns the
 * pages, so the console shell can list every capability without depending on it.
 *
 * @param order position in the navigation (lower first)
 * @param path where the section starts, under {@code /console/}
 * @param labelKey message key of the label (in the module's message bundle)
 * @param roles role names (without {@code ROLE_}) that see the entry; empty means every staff user
 * @param group the task the section serves, which the navigation groups it under
 */
public record ConsoleSection(int order, String path, String labelKey, List<String> roles, Group group) {

    public ConsoleSection {
        roles = List.copyOf(roles);
        Objects.requireNonNull(group, "group");
        if (!path.startsWith("/console")) {
            throw new IllegalArgumentException("Console sections live under /console");
        }
    }

    /**
     * A section filed under {@link Group#ADMINISTRATION} until its module says which task it serves (kept for
     * modules written before the navigation was grouped).
     */
    public ConsoleSection(int order, String path, String labelKey, List<String> roles) {
        this(order, path, labelKey, roles, Group.ADMINISTRATION);
    }

    /** The tasks the navigation is grouped by (issue 23 item 2), in the order they are shown. */
    public enum Group {
        /** The people Vern holds data about: the register, events, uploads. */
        PEOPLE,
        /** What people ask for: rights requests and the systems that carry them out. */
        REQUESTS,
        /** Consents and what is sent on them: consents, mailings, the website's cookie consent. */
        CONSENT,
        /** Breaches, security and deletion on time. */
        RISK,
        /** What must be shown to Datatilsynet: the record of processing, the audit log, training. */
        DOCUMENTATION,
        /** Users, access and the mail Vern sends. */
        ADMINISTRATION;

        /** The message key of the group's name ({@code layout.group.risk}). */
        public String labelKey() {
            return "layout.group." + name().toLowerCase(Locale.ROOT);
        }
    }
}
