package no.vern.shared;

import java.util.List;

/**
 * An entry of the staff console's navigation, declared as a bean by the module that owns the
 * pages, so the console shell can list every capability without depending on it.
 *
 * @param order position in the navigation (lower first)
 * @param path where the section starts, under {@code /console/}
 * @param labelKey message key of the label (in the module's message bundle)
 * @param roles role names (without {@code ROLE_}) that see the entry; empty means every staff user
 */
public record ConsoleSection(int order, String path, String labelKey, List<String> roles) {

    public ConsoleSection {
        roles = List.copyOf(roles);
        if (!path.startsWith("/console")) {
            throw new IllegalArgumentException("Console sections live under /console");
        }
    }
}
