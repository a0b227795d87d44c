package no.vern.shared;

import java.nio.file.Path;

/**
 * Whether Vern runs as a demo (by default: on the embedded database), in which case modules load
 * invented people, consents and cases on first start so a newcomer sees every capability working.
 *
 * @param enabled whether demo data and demo logins are created
 * @param directory where local files of the installation live ({@code ./data})
 */
public record DemoMode(boolean enabled, Path directory) {
}
