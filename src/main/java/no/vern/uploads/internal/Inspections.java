package no.vern.uploads.internal;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.shared.JdbcTime;
import no.vern.uploads.UploadPurpose;
import no.vern.uploads.UploadRefused;
import no.vern.uploads.UploadStatistics;

/** The outcome of each inspection (purpose, type, size, reason, scanned); no content, no file names. */
final class Inspections {

    private final JdbcClient jdbc;

    Inspections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(UploadPurpose purpose, @Nullable String mediaType, long size, UploadRefused.@Nullable Reason refused,
            boolean scanned, Instant at) {
        jdbc.sql("""
                INSERT INTO uploads_inspection (purpose, media_type, size, outcome, reason, scanned, inspected_at)
                VALUES (:purpose, :type, :size, :outcome, :reason, :scanned, :at)
                """).param("purpose", purpose.name()).param("type", mediaType).param("size", size)
                .param("outcome", refused == null ? "accepted" : "refused")
                .param("reason", refused == null ? null : refused.name()).param("scanned", scanned)
                .param("at", JdbcTime.param(at)).update();
    }

    UploadStatistics statistics(boolean scannerConfigured) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE outcome = 'accepted') AS accepted,
                       count(*) FILTER (WHERE outcome = 'accepted' AND NOT scanned) AS unscanned,
                       count(*) FILTER (WHERE outcome = 'refused') AS refused,
                       max(inspected_at) FILTER (WHERE outcome = 'accepted' AND NOT scanned) AS last_unscanned
                  FROM uploads_inspection
                """).query((rs, n) -> new UploadStatistics(scannerConfigured, rs.getLong("accepted"),
                rs.getLong("unscanned"), rs.getLong("refused"), JdbcTime.instant(rs, "last_unscanned"))).single();
    }
}
