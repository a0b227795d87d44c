package no.vern.uploads.internal;

import java.time.Clock;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.shared.DashboardTile;
import no.vern.uploads.UploadInspector;
import no.vern.uploads.UploadStatistics;
import no.vern.uploads.VirusScanner;

/** Wires the upload gate, the clamd scanner (only when a host is configured) and the dashboard figure. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UploadProperties.class)
class UploadsConfiguration {

    @Bean
    UploadInspector uploadInspector(UploadProperties properties, ObjectProvider<VirusScanner> scanner,
            JdbcClient jdbc, Clock clock) {
        return new GateInspector(properties, scanner, new Inspections(jdbc), clock);
    }

    /** ClamAV is used when {@code vern.uploads.clamav.host} (VERN_CLAMAV_HOST) is set. */
    @Bean
    @ConditionalOnExpression("!'${vern.uploads.clamav.host:}'.isBlank()")
    VirusScanner clamdScanner(UploadProperties properties) {
        return new ClamdScanner(properties.clamav());
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
