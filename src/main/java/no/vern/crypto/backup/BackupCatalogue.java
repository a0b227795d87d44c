package no.vern.crypto.backup;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.crypto.BackupHorizon;
import no.vern.shared.JdbcTime;

/**
 * The backup horizon from the catalogue: every successful backup with its snapshot time and expiry.
 * A backup counts if its snapshot was taken at or before the erasure (it may then hold the key).
 */
final class BackupCatalogue implements BackupHorizon {

    private final JdbcClient jdbc;

    BackupCatalogue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Instant> erasureCompleteAt(Instant erasedAt) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE expires_at IS NULL) AS unexpiring, max(expires_at) AS last_expiry
                  FROM crypto_backup_log
                 WHERE kind = 'BACKUP' AND ok AND COALESCE(taken_at, at) <= :erased""")
                .param("erased", JdbcTime.param(erasedAt))
                .query((rs, n) -> {
                    if (rs.getLong("unexpiring") > 0) {
                        return Optional.<Instant>empty();
                    }
                    @Nullable Instant last = JdbcTime.instant(rs, "last_expiry");
                    return Optional.of(last == null || last.isBefore(erasedAt) ? erasedAt : last);
                })
                .single();
    }
}
