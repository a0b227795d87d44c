package no.vern.audit.internal;

import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import no.vern.audit.AuditEvent;
import no.vern.audit.AuditLog;
import no.vern.shared.JdbcTime;

/**
 * Appends audit entries in the caller's transaction with a single INSERT and no lock; sealing
 * into the hash chain happens apart ({@link Sealer}). Reads outside a transaction go through the
 * {@link GroupCommitWriter}, which inserts the same rows, many per transaction.
 *
 * <p>The statement takes the transaction's id before the entry's id (a materialised CTE is
 * evaluated before the row that reads it). The sealer relies on that order: once every
 * transaction older than a snapshot has ended, no entry with an id handed out before that
 * snapshot can still appear.
 *
 * <p>Inside a transaction the entries are written together just before it commits (issue 28 items 4 and 5: one
 * statement, one round trip, instead of one insert per entry): still in that transaction, so they commit or roll
 * back with the work they describe, in the order they were recorded, each with the time it was recorded. An entry
 * recorded after that point (by work that runs while the transaction commits) is inserted at once, as before.
 */
@Service
class JdbcAuditLog implements AuditLog {

    /**
     * The insert of many entries in one statement (one round trip; outside a transaction also its own commit): the
     * columns as arrays, one element per entry, unnested in order. The transaction's id is taken before the first
     * entry id, as in the single insert: the materialised CTE is read before any row it is joined to is projected.
     */
    static final String INSERT_MANY = """
            WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
            INSERT INTO audit_entry (id, occurred_at, actor, action, outcome, purpose, targets, request_id)
            SELECT nextval('audit_entry_id_seq'), CAST(e.at AS timestamptz), e.actor, e.action, e.outcome, e.purpose,
                   string_to_array(e.targets, ','), e.request_id
            FROM tx, unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]),
                            CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
                     WITH ORDINALITY AS e(at, actor, action, outcome, purpose, targets, request_id, n)
            ORDER BY e.n
            """;

    /** One entry as stored: taken in the caller's thread (time, request id), written by whoever writes it. */
    record Row(Instant at, String actor, String action, String outcome, @Nullable String purpose, String targets,
            @Nullable String requestId) {

        static Row of(AuditEvent event, Clock clock) {
            return new Row(clock.instant().truncatedTo(ChronoUnit.MICROS), event.actor().reference(), event.action(),
                    event.outcome().name(), event.purpose(), String.join(",", event.targets()), MDC.get("requestId"));
        }
    }

    /** Inserts the rows with {@link #INSERT_MANY}, in the current transaction if there is one, else in its own. */
    static void insertMany(JdbcTemplate jdbc, List<Row> rows) {
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT_MANY);
            int n = rows.size();
            String[][] columns = new String[7][n];
            for (int i = 0; i < n; i++) {
                Row row = rows.get(i);
                columns[0][i] = row.at().toString();
                columns[1][i] = row.actor();
                columns[2][i] = row.action();
                columns[3][i] = row.outcome();
                columns[4][i] = row.purpose();
                columns[5][i] = row.targets();
                columns[6][i] = row.requestId();
            }
            for (int c = 0; c < columns.length; c++) {
                statement.setArray(c + 1, connection.createArrayOf("text", columns[c]));
            }
            return statement;
        });
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final Clock clock;
    private final GroupCommitWriter reads;

    JdbcAuditLog(JdbcClient jdbc, JdbcTemplate batch, Clock clock, GroupCommitWriter reads) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.reads = reads;
    }

    @Override
    public void record(AuditEvent event) {
        Row row = Row.of(event, clock);
        if (TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive()) {
            Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
            if (pending == null) {
                pending = new Pending();
                TransactionSynchronizationManager.bindResource(this, pending);
                TransactionSynchronizationManager.registerSynchronization(pending);
            }
            if (!pending.written) {
                pending.rows.add(row);
                return;
            }
        }
        insert(row);
    }

    private void insert(Row row) {
        jdbc.sql("""
                WITH tx AS MATERIALIZED (SELECT pg_current_xact_id() AS xid)
                INSERT INTO audit_entry (id, occurred_at, actor, action, outcome, purpose, targets, request_id)
                SELECT nextval('audit_entry_id_seq'), CAST(:at AS timestamptz), CAST(:actor AS text),
                       CAST(:action AS text), CAST(:outcome AS text), CAST(:purpose AS text),
                       string_to_array(CAST(:targets AS text), ','), CAST(:requestId AS text)
                FROM tx
                """)
                .param("at", JdbcTime.param(row.at()))
                .param("actor", row.actor())
                .param("action", row.action())
                .param("outcome", row.outcome())
                .param("purpose", row.purpose())
                .param("targets", row.targets())
                .param("requestId", row.requestId())
                .update();
    }

    /** Writes the rows in one statement (one round trip) in the current transaction. */
    private void insertAll(List<Row> rows) {
        if (rows.size() == 1) {
            insert(rows.get(0));
        } else if (!rows.isEmpty()) {
            insertMany(batch, rows);
        }
    }

    /**
     * The entries recorded in one transaction, written just before it commits: after every other synchronization's
     * {@code beforeCommit} (lowest precedence), so entries recorded there are written too. Suspended with its
     * transaction (a nested new transaction has its own). A failure to write fails the commit: the transaction rolls
     * back with its entries.
     */
    private final class Pending implements TransactionSynchronization {

        final List<Row> rows = new ArrayList<>();
        boolean written;

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            write();
        }

        private void write() {
            if (!written) {
                written = true;
                insertAll(rows);
            }
        }

        @Override
        public void suspend() {
            TransactionSynchronizationManager.unbindResource(JdbcAuditLog.this);
        }

        @Override
        public void resume() {
            TransactionSynchronizationManager.bindResource(JdbcAuditLog.this, this);
        }

        /**
         * A pending first registered while its transaction was already committing (after {@code beforeCommit} was
         * called on the synchronizations) is not written by it: once that transaction has committed, its rows go
         * through the group-commit writer, which returns after they are committed. No Vern code records an entry
         * there; this keeps such an entry from being lost if some code ever does.
         */
        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(JdbcAuditLog.this);
            if (status == STATUS_COMMITTED && !written) {
                written = true;
                rows.forEach(reads::append);
            }
        }
    }

    @Override
    public void recordRead(AuditEvent event) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            record(event);
            return;
        }
        reads.append(Row.of(event, clock));
    }
}
