package no.vern.uploads.internal;

import java.time.Clock;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.shared.DashboardTile;
import no.vern.uploads.UploadInspector;
import no.vern.uploads.UploadStatistics;
import no.vern.uploads.VirusScanner;

/** Wires the upload gate (with the clamd scanner when a host is configured) and the dashboard figure. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadProperties.class)
class UploadsConfiguration {

    /**
     * The gate, with the clamd scanner when {@code vern.uploads.clamav.host} (VERN_UPLOADS_CLAMAV_HOST) is set. Chosen
     * here at start and not by a condition: Spring AOT (the {@code cds} build) fixes conditions at build time, and
     * the same jar must scan where a host is configured.
     */
    @Bean
    UploadInspector uploadInspector(UploadProperties properties, JdbcClient jdbc, Clock clock) {
        @Nullable VirusScanner scanner = properties.clamav().host().isBlank() ? null : new ClamdScanner(properties.clamav());
        return new GateInspector(properties, scanner, new Inspections(jdbc), clock);
    }

    /** Tells the privacy officer and the auditor when uploads are accepted without a virus scan. */
    @Bean
    DashboardTile.Source uploadDashboardTiles(UploadInspector inspector) {
        return () -> {
            UploadStatistics stats = inspector.statistics();
            return List.of(new DashboardTile(1520, stats.scannerConfigured() ? "uploads.tile.scanned"
                    : "uploads.tile.unscanned", String.valueOf(stats.acceptedUnscanned()), "/console/security",
                    List.of("PRIVACY_OFFICER", "AUDITOR"), !stats.scannerConfigured()));
        };
    }
}
