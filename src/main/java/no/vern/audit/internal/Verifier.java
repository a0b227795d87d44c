package no.vern.audit.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import no.vern.audit.AuditVerification;
import no.vern.audit.AuditVerification.BrokenLink;
import no.vern.audit.AuditVerification.Reason;
import no.vern.shared.Actor;
import no.vern.shared.JdbcTime;

/**
 * Walks the hash chain from the first position, recomputing every hash from the entry columns,
 * and stops at the first link that does not hold. Reads in keyset-paged batches inside one
 * read-only REPEATABLE READ transaction, so memory stays flat and concurrent sealing is not seen
 * half-way. Every result is stored in {@code audit_verification}.
 */
@Component
class Verifier {

    private static final Logger log = LoggerFactory.getLogger(Verifier.class);

    /** One chain position joined with its entry (null when the entry is gone). */
    private record Link(long chainSeq, long entryId, byte[] prevHash, byte[] hash, @Nullable EntryRow entry) {
    }

    /** The outcome of the walk before it is stored. */
    private record Walk(long checked, @Nullable BrokenLink broken, long overdue) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate snapshot;
    private final TransactionTemplate write;
    private final Clock clock;
    private final AuditProperties properties;

    Verifier(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, AuditProperties properties) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.write = new TransactionTemplate(transactions);
        this.write.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.properties = properties;
    }

    /** Verifies the whole chain now and stores the result under the given actor. */
    AuditVerification verify(Actor by) {
        Instant started = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Walk walk = snapshot.execute(status -> walk(started));
        if (walk == null) {
            throw new IllegalStateException("verification returned nothing");
        }
        long millis = Math.max(0, Duration.between(started, clock.instant()).toMillis());
        var result = new AuditVerification(walk.broken() == null, walk.checked(), walk.broken(), walk.overdue(),
                millis, started, by.reference());
        write.executeWithoutResult(status -> store(result));
        if (walk.broken() != null) {
            BrokenLink b = walk.broken();
            log.warn("Audit chain is broken at chain_seq {} (entry id {}): {}; {} positions verified before it",
                    b.chainSeq(), b.entryId(), b.reason(), walk.checked());
        } else {
            log.info("Audit chain verified: {} positions intact in {} ms, {} entries overdue for sealing",
                    walk.checked(), millis, walk.overdue());
        }
        return result;
    }

    /** The latest stored result, whichever node produced it (one indexed row; read each time). */
    Optional<AuditVerification> lastVerification() {
        return recent(1).stream().findFirst();
    }

    List<AuditVerification> recent(int limit) {
        return jdbc.sql("""
                SELECT verified_at, triggered_by, ok, entries_checked, broken_seq, broken_entry_id, broken_reason,
                       unsealed_overdue, duration_ms
                FROM audit_verification ORDER BY verified_at DESC, id DESC LIMIT :limit
                """).param("limit", Math.max(1, Math.min(limit, 100))).query((rs, i) -> {
                    long brokenSeq = rs.getLong("broken_seq");
                    BrokenLink broken = rs.wasNull() ? null
                            : new BrokenLink(brokenSeq, (Long) rs.getObject("broken_entry_id"),
                                    Reason.valueOf(rs.getString("broken_reason")));
                    return new AuditVerification(rs.getBoolean("ok"), rs.getLong("entries_checked"), broken,
                            rs.getLong("unsealed_overdue"), rs.getLong("duration_ms"),
                            JdbcTime.required(rs, "verified_at"), rs.getString("triggered_by"));
                }).list();
    }

    private Walk walk(Instant started) {
        int batch = Math.max(100, properties.verifyBatchSize());
        long expected = 1;
        byte[] previous = Canonical.GENESIS;
        long checked = 0;
        BrokenLink broken = null;
        walking: while (true) {
            List<Link> links = jdbc.sql("""
                    SELECT s.chain_seq, s.entry_id, s.prev_hash, s.hash, e.id AS found_id, %s
                    FROM audit_seal s LEFT JOIN audit_entry e ON e.id = s.entry_id
                    WHERE s.chain_seq >= :from
                    ORDER BY s.chain_seq
                    LIMIT :limit
                    """.formatted(EntryRow.COLUMNS)).param("from", expected).param("limit", batch)
                    .query((rs, i) -> {
                        rs.getLong("found_id");
                        EntryRow entry = rs.wasNull() ? null : EntryRow.read(rs);
                        return new Link(rs.getLong("chain_seq"), rs.getLong("entry_id"), rs.getBytes("prev_hash"),
                                rs.getBytes("hash"), entry);
                    }).list();
            for (Link link : links) {
                if (link.chainSeq() != expected) {
                    broken = new BrokenLink(expected, null, Reason.SEQUENCE_GAP);
                    break walking;
                }
                if (link.entry() == null) {
                    broken = new BrokenLink(link.chainSeq(), link.entryId(), Reason.ENTRY_DELETED);
                    break walking;
                }
                if (!Arrays.equals(link.prevHash(), previous)) {
                    broken = new BrokenLink(link.chainSeq(), link.entryId(), Reason.SEAL_MODIFIED);
                    break walking;
                }
                byte[] recomputed = Canonical.hash(previous, link.chainSeq(), link.entry());
                if (!Arrays.equals(recomputed, link.hash())) {
                    broken = new BrokenLink(link.chainSeq(), link.entryId(), mismatch(link.chainSeq(), recomputed));
                    break walking;
                }
                previous = link.hash();
                expected++;
                checked++;
            }
            if (links.size() < batch) {
                break;
            }
        }
        if (broken == null) {
            broken = checkpointMismatch();
        }
        return new Walk(checked, broken, overdue(started.minus(properties.overdueAfter())));
    }

    /**
     * Tells which side of a hash mismatch was changed: if the next seal still chains from the hash
     * the entry recomputes to, the entry is intact and the seal's stored hash was rewritten.
     */
    private Reason mismatch(long chainSeq, byte[] recomputed) {
        return jdbc.sql("SELECT prev_hash FROM audit_seal WHERE chain_seq = :next").param("next", chainSeq + 1)
                .query((rs, i) -> rs.getBytes("prev_hash")).optional()
                .filter(next -> Arrays.equals(next, recomputed))
                .map(next -> Reason.SEAL_MODIFIED).orElse(Reason.ENTRY_MODIFIED);
    }

    /** A checkpoint whose head hash is not the seal at its position (catches a cut-off chain tail). */
    private @Nullable BrokenLink checkpointMismatch() {
        return jdbc.sql("""
                SELECT c.last_seq, s.entry_id FROM audit_checkpoint c
                LEFT JOIN audit_seal s ON s.chain_seq = c.last_seq
                WHERE s.hash IS DISTINCT FROM c.head_hash
                ORDER BY c.last_seq LIMIT 1
                """).query((rs, i) -> new BrokenLink(rs.getLong("last_seq"), (Long) rs.getObject("entry_id"),
                        Reason.CHECKPOINT_MISMATCH)).optional().orElse(null);
    }

    private long overdue(Instant cutoff) {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry e
                WHERE e.occurred_at < CAST(:cutoff AS timestamptz)
                  AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.entry_id = e.id)
                """).param("cutoff", JdbcTime.param(cutoff)).query(Long.class).single();
    }

    private void store(AuditVerification result) {
        BrokenLink b = result.firstBrokenLink();
        jdbc.sql("""
                INSERT INTO audit_verification (verified_at, triggered_by, ok, entries_checked, broken_seq,
                    broken_entry_id, broken_reason, unsealed_overdue, duration_ms)
                VALUES (CAST(:at AS timestamptz), :by, :ok, :checked, :seq, :entry, :reason, :overdue, :millis)
                """).param("at", JdbcTime.param(result.verifiedAt())).param("by", result.triggeredBy())
                .param("ok", result.ok()).param("checked", result.entriesChecked())
                .param("seq", b == null ? null : b.chainSeq(), java.sql.Types.BIGINT)
                .param("entry", b == null ? null : b.entryId(), java.sql.Types.BIGINT)
                .param("reason", b == null ? null : b.reason().name(), java.sql.Types.VARCHAR)
                .param("overdue", result.unsealedOverdue()).param("millis", result.durationMillis()).update();
    }
}
