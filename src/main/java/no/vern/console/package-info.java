/**
 * The staff console shell: layout, navigation, language switch and the dashboard that other
 * modules fill with {@link no.vern.shared.DashboardTile}s and {@link no.vern.shared.ConsoleSection}s.
 */
@org.jspecify.annotations.NullMarked
@org.springframework.modulith.ApplicationModule(displayName = "Console", allowedDependencies = "shared")
package no.vern.console;
