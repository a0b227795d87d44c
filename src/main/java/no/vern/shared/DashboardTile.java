package no.vern.shared;

import java.util.List;

/**
 * A figure on the console dashboard ("3 requests due this week"), supplied by the module that
 * knows it. Tiles carry counts and links, never personal data.
 *
 * @param order position on the dashboard
 * @param labelKey message key of the label
 * @param value the figure to show, already formatted
 * @param link where a click leads, under {@code /console/}
 * @param roles roles (without {@code ROLE_}) that see it; empty means every staff user
 * @param warning whether the figure needs attention
 */
public record DashboardTile(int order, String labelKey, String value, String link, List<String> roles,
        boolean warning) {

    public DashboardTile {
        roles = List.copyOf(roles);
    }

    /** Supplies tiles when the dashboard renders; implementations must be fast and read-only. */
    public interface Source {

        /** The tiles of this module as of now. */
        List<DashboardTile> tiles();
    }

}
