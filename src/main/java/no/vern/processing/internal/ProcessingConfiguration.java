package no.vern.processing.internal;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import no.vern.processing.ProcessingRecord;
import no.vern.shared.ConsoleSection;
import no.vern.shared.DashboardTile;
import no.vern.shared.PublicEndpoints;

/** Declares what the module adds to the shell: its console section, public pages and dashboard tile. */
@Configuration(proxyBeanMethods = false)
class ProcessingConfiguration {

    static final List<String> READERS = List.of("PRIVACY_OFFICER", "AUDITOR", "CASE_HANDLER");

    @Bean
    ConsoleSection processingConsoleSection() {
        return new ConsoleSection(200, "/console/processing", "processing.nav", READERS, ConsoleSection.Group.DOCUMENTATION);
    }

    /** The published privacy policy (S9, S30) is open to everyone. */
    @Bean
    PublicEndpoints processingPublicEndpoints() {
        return new PublicEndpoints("processing", List.of("/personvern", "/privacy"));
    }

    @Bean
    DashboardTile.Source processingDashboardTiles(ProcessingRecord record) {
        return () -> {
            int warnings = record.warnings().size();
            return List.of(
                    new DashboardTile(200, "processing.tile.version", String.valueOf(record.current().version()),
                            "/console/processing/versions", READERS, false),
                    new DashboardTile(201, "processing.tile.warnings", String.valueOf(warnings),
                            "/console/processing", READERS, warnings > 0));
        };
    }
}
