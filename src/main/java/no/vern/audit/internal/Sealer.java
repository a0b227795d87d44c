package no.vern.audit.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.StringJoiner;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import no.vern.shared.JdbcTime;

/**
 * Seals committed audit entries into the hash chain, in batches, by appending rows to
 * {@code audit_seal} (entries are never updated).
 *
 * <p>One sealer at a time across all nodes: each batch runs in a transaction that first takes a
 * PostgreSQL advisory transaction lock. The background pass only tries the lock (another node is
 * already sealing otherwise); {@link #sealAll()} waits for it.
 *
 * <p>Finding unsealed entries cheaply: entries commit out of id order, so "id greater than the
 * last sealed id" would miss late commits. The sealer instead keeps a settled watermark: every
 * entry with an id at or below it is sealed, or will never exist. After each pass it notes, in a
 * transaction of its own, the highest id handed out so far and then takes a fresh transaction id;
 * transaction ids are handed out in order, so every writer that could hold one of those entry ids
 * (writers take their transaction id before their entry id, see {@link JdbcAuditLog}) has a lower
 * transaction id. Once a later snapshot's {@code xmin} reaches the noted transaction id, all of
 * them have ended, so after one more complete pass the noted id becomes the watermark. (A snapshot's
 * {@code xmax} is not such a bound: it is the last completed id plus one, and a writer that has its
 * transaction id but has not finished can hold exactly that id.)
 * The watermark lives in memory; a fresh node starts at 0 and its first pass scans everything.
 */
@Component
class Sealer {

    private static final Logger log = LoggerFactory.getLogger(Sealer.class);

    /** Advisory lock key shared by every node: the ASCII of "vernaudi". */
    static final long LOCK_KEY = 0x7665726e61756469L;
    private static final int MAX_HORIZONS = 10_000;

    /** A noted id with the transaction id below which every writer that could hold it lies. */
    private record Horizon(long highestId, long xmax) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final int batchSize;
    private final Counter sealed;

    private long watermark;
    private final Deque<Horizon> horizons = new ArrayDeque<>();

    Sealer(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock, AuditProperties properties,
            MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        // Each statement must see a fresh snapshot (see the class comment).
        this.tx.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
        this.clock = clock;
        this.batchSize = properties.sealer().batchSize();
        this.sealed = Counter.builder("vern.audit.sealed").description("Audit entries sealed into the hash chain")
                .baseUnit("entries").register(meters);
    }

    /** Seals everything committed so far, waiting for another sealer if need be; returns how many. */
    int sealAll() {
        return sealUntilDone(true);
    }

    /** One background pass: seals what is pending unless another node holds the sealing lock. */
    int sealIfFree() {
        return sealUntilDone(false);
    }

    /** Committed entries not yet sealed (exact: everything at or below the watermark is sealed). */
    long unsealedCount() {
        return jdbc.sql("""
                SELECT count(*) FROM audit_entry e
                WHERE e.id > :watermark AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.entry_id = e.id)
                """).param("watermark", currentWatermark()).query(Long.class).single();
    }

    synchronized long currentWatermark() {
        return watermark;
    }

    /** The last position of the chain and its hash (position 0 and the genesis hash when empty). */
    private record Head(long seq, byte[] hash) {
    }

    /** What one sealing transaction did, applied to the in-memory state only after it committed. */
    private record Pass(int sealed, long watermark, boolean complete) {
    }

    private synchronized int sealUntilDone(boolean wait) {
        int total = 0;
        while (true) {
            // TransactionCallback admits a null result (JSpecify); NullAway cannot see that before JDK 22.
            @SuppressWarnings("NullAway")
            Pass pass = tx.execute(status -> sealBatch(wait));
            if (pass == null) {
                return total;
            }
            if (pass.watermark() > watermark) {
                watermark = pass.watermark();
                horizons.removeIf(h -> h.highestId() <= pass.watermark());
            }
            if (pass.complete()) {
                @SuppressWarnings("NullAway")
                Horizon horizon = tx.execute(status -> horizonAbove(watermark));
                if (horizon != null) {
                    horizons.addLast(horizon);
                    if (horizons.size() > MAX_HORIZONS) {
                        horizons.removeFirst(); // dropping an older horizon only delays the watermark
                    }
                }
            }
            total += pass.sealed();
            if (pass.sealed() < batchSize) {
                return total;
            }
        }
    }

    /** One transaction: lock, settle the watermark, seal up to one batch, note a new horizon. */
    private @Nullable Pass sealBatch(boolean wait) {
        if (wait) {
            jdbc.sql("SELECT pg_advisory_xact_lock(:key)").param("key", LOCK_KEY).query().singleRow();
        } else if (!Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(:key)").param("key", LOCK_KEY)
                .query(Boolean.class).single())) {
            return null;
        }
        long xmin = jdbc.sql("SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint").query(Long.class).single();
        long settled = watermark;
        for (Horizon h : horizons) {
            if (h.xmax() <= xmin) {
                settled = Math.max(settled, h.highestId());
            }
        }
        List<EntryRow> pending = jdbc.sql("""
                SELECT %s FROM audit_entry e
                WHERE e.id > :watermark AND NOT EXISTS (SELECT 1 FROM audit_seal s WHERE s.entry_id = e.id)
                ORDER BY e.id
                LIMIT :limit
                """.formatted(EntryRow.COLUMNS)).param("watermark", watermark).param("limit", batchSize)
                .query((rs, i) -> EntryRow.read(rs)).list();
        if (!pending.isEmpty()) {
            seal(pending);
        }
        if (pending.size() < batchSize) {
            // Everything visible above the watermark is sealed now, including every settled id.
            return new Pass(pending.size(), settled, true);
        }
        return new Pass(pending.size(), watermark, false);
    }

    private void seal(List<EntryRow> pending) {
        Head head = jdbc.sql("SELECT chain_seq, hash FROM audit_seal ORDER BY chain_seq DESC LIMIT 1")
                .query((rs, i) -> new Head(rs.getLong("chain_seq"), rs.getBytes("hash"))).optional()
                .orElse(new Head(0, Canonical.GENESIS));
        long seq = head.seq();
        byte[] previous = head.hash();
        long first = seq + 1;
        var seqs = new StringJoiner(",");
        var ids = new StringJoiner(",");
        var prevs = new StringJoiner(",");
        var hashes = new StringJoiner(",");
        for (EntryRow entry : pending) {
            seq++;
            byte[] hash = Canonical.hash(previous, seq, entry);
            seqs.add(Long.toString(seq));
            ids.add(Long.toString(entry.id()));
            prevs.add(Canonical.hex(previous));
            hashes.add(Canonical.hex(hash));
            previous = hash;
        }
        Instant now = clock.instant();
        jdbc.sql("""
                INSERT INTO audit_seal (chain_seq, entry_id, prev_hash, hash, sealed_at)
                SELECT s.seq, s.entry_id, decode(s.prev, 'hex'), decode(s.hash, 'hex'), CAST(:at AS timestamptz)
                FROM unnest(string_to_array(CAST(:seqs AS text), ',')::bigint[],
                            string_to_array(CAST(:ids AS text), ',')::bigint[],
                            string_to_array(CAST(:prevs AS text), ','),
                            string_to_array(CAST(:hashes AS text), ',')) AS s(seq, entry_id, prev, hash)
                """).param("at", JdbcTime.param(now)).param("seqs", seqs.toString()).param("ids", ids.toString())
                .param("prevs", prevs.toString()).param("hashes", hashes.toString()).update();
        jdbc.sql("""
                INSERT INTO audit_checkpoint (last_seq, first_seq, head_hash, sealed_at)
                VALUES (:last, :first, :head, CAST(:at AS timestamptz))
                """).param("last", seq).param("first", first).param("head", previous)
                .param("at", JdbcTime.param(now)).update();
        sealed.increment(pending.size());
        log.debug("Sealed audit chain positions {}..{}", first, seq);
    }

    /**
     * In a transaction of its own: the highest id handed out so far, then a transaction id taken after reading it
     * (higher than that of every writer that could hold one of those ids), if the id is new.
     */
    private @Nullable Horizon horizonAbove(long newWatermark) {
        long highest = jdbc.sql("""
                SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM audit_entry_id_seq
                """).query(Long.class).single();
        Horizon last = horizons.peekLast();
        if (highest <= newWatermark || (last != null && last.highestId() >= highest)) {
            return null;
        }
        // A separate statement, after the sequence was read; this transaction has no id before it.
        long after = jdbc.sql("SELECT pg_current_xact_id()::text::bigint").query(Long.class).single();
        return new Horizon(highest, after);
    }
}
