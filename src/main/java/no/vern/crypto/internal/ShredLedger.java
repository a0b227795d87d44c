package no.vern.crypto.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

import no.vern.shared.JdbcTime;
import no.vern.shared.SubjectId;

/**
 * The insert-only shred ledger in the main schema: which subjects' keys were destroyed, so that
 * the erasure can be re-applied to a key store restored from an older backup.
 */
final class ShredLedger {

    private final JdbcClient jdbc;

    ShredLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the shred unless the subject is already in the ledger; true if recorded now. */
    boolean record(SubjectId subject, @Nullable UUID keyId, Instant at) {
        return jdbc.sql("""
                INSERT INTO crypto_shred_ledger (subject_id, key_id, shredded_at) VALUES (:subject, :keyId, :at)
                ON CONFLICT (subject_id) DO NOTHING
                """).param("subject", subject.value()).param("keyId", keyId).param("at", JdbcTime.param(at))
                .update() == 1;
    }

    /**
     * Records many shreds in one statement (subjects already in the ledger keep their entry); returns, for each given
     * subject that was in the ledger before, when it entered it (those recorded now are not in the map).
     */
    java.util.Map<UUID, Instant> recordAll(java.util.Map<UUID, @Nullable UUID> keyIds, Instant at) {
        if (keyIds.isEmpty()) {
            return java.util.Map.of();
        }
        UUID[] subjects = keyIds.keySet().toArray(UUID[]::new);
        UUID[] keys = java.util.Arrays.stream(subjects).map(keyIds::get).toArray(UUID[]::new);
        java.util.Set<UUID> recorded = new java.util.HashSet<>(jdbc.sql("""
                INSERT INTO crypto_shred_ledger (subject_id, key_id, shredded_at)
                SELECT s, k, :at FROM unnest(CAST(:subjects AS uuid[]), CAST(:keys AS uuid[])) AS t(s, k)
                ORDER BY s
                ON CONFLICT (subject_id) DO NOTHING
                RETURNING subject_id
                """).param("subjects", subjects).param("keys", keys).param("at", JdbcTime.param(at))
                .query((rs, n) -> rs.getObject(1, UUID.class)).list());
        java.util.Map<UUID, Instant> before = new java.util.HashMap<>();
        if (recorded.size() < subjects.length) {
            jdbc.sql("SELECT subject_id, shredded_at FROM crypto_shred_ledger WHERE subject_id = ANY(:subjects)")
                    .param("subjects", java.util.Arrays.stream(subjects).filter(s -> !recorded.contains(s)).toArray(UUID[]::new))
                    .query((java.sql.ResultSet rs) -> {
                        before.put(rs.getObject("subject_id", UUID.class), JdbcTime.required(rs, "shredded_at"));
                    });
        }
        return before;
    }

    Optional<Instant> shreddedAt(SubjectId subject) {
        return jdbc.sql("SELECT shredded_at FROM crypto_shred_ledger WHERE subject_id = :subject")
                .param("subject", subject.value()).query((rs, n) -> JdbcTime.required(rs, "shredded_at")).optional();
    }

    /** The next page of shredded subject ids in id order, after {@code after}. */
    List<UUID> page(@Nullable UUID after, int limit) {
        return jdbc.sql("""
                SELECT subject_id FROM crypto_shred_ledger
                WHERE CAST(:after AS uuid) IS NULL OR subject_id > CAST(:after AS uuid)
                ORDER BY subject_id LIMIT :limit
                """).param("after", after).param("limit", limit).query((rs, n) -> rs.getObject(1, UUID.class)).list();
    }
}
